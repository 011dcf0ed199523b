# kind: form
# why: the duration is in seconds (app;dur=0.2), not milliseconds; the check that a 0.2 s sleep reads at least 200 must catch it
class TimingPlugin:
    """A Bottle plugin: adds Server-Timing: app;dur=<ms> to every answer of a route."""

    name = "timing"  # routes skip it with skip=["timing"]
    api = 2  # the version of Bottle's plugin contract: apply() receives the route

    def apply(self, callback, route):
        """Return the function that answers instead of ``callback``."""
        def header(started):
            return f"app;dur={time.perf_counter() - started:.4f}"

        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                body = callback(*args, **kwargs)
            except bottle.HTTPResponse as answer:
                answer.set_header("Server-Timing", header(started))
                raise
            bottle.response.set_header("Server-Timing", header(started))
            return body

        return wrapper
