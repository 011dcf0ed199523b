# kind: coincidence
# why: starts the clock in apply(), once per route, so each request reports the time since the route was first used; two requests in a row to one route (150 ms, then 20 ms) must be timed on their own
class TimingPlugin:
    """A Bottle plugin: adds Server-Timing: app;dur=<ms> to every answer of a route."""

    name = "timing"  # routes skip it with skip=["timing"]
    api = 2  # the version of Bottle's plugin contract: apply() receives the route

    def apply(self, callback, route):
        """Return the function that answers instead of ``callback``."""
        started = time.perf_counter()

        def header():
            return f"app;dur={(time.perf_counter() - started) * 1000:.1f}"

        def wrapper(*args, **kwargs):
            try:
                body = callback(*args, **kwargs)
            except bottle.HTTPResponse as answer:
                answer.set_header("Server-Timing", header())
                raise
            bottle.response.set_header("Server-Timing", header())
            return body

        return wrapper
