# kind: coincidence
# why: keeps the start time on the plugin (self.started), shared by every request, which works only while requests come one at a time; a request answered while another is running must not reset the other's clock
class TimingPlugin:
    """A Bottle plugin: adds Server-Timing: app;dur=<ms> to every answer of a route."""

    name = "timing"  # routes skip it with skip=["timing"]
    api = 2  # the version of Bottle's plugin contract: apply() receives the route

    def apply(self, callback, route):
        """Return the function that answers instead of ``callback``."""
        def header():
            return f"app;dur={(time.perf_counter() - self.started) * 1000:.1f}"

        def wrapper(*args, **kwargs):
            self.started = time.perf_counter()
            try:
                body = callback(*args, **kwargs)
            except bottle.HTTPResponse as answer:
                answer.set_header("Server-Timing", header())
                raise
            bottle.response.set_header("Server-Timing", header())
            return body

        return wrapper
