# kind: rule
# why: sets the header on bottle.response only, which Bottle drops when the handler raises abort() or an HTTPResponse; the check on an abort(404) answer must catch it
class TimingPlugin:
    """A Bottle plugin: adds Server-Timing: app;dur=<ms> to every answer of a route."""

    name = "timing"  # routes skip it with skip=["timing"]
    api = 2  # the version of Bottle's plugin contract: apply() receives the route

    def apply(self, callback, route):
        """Return the function that answers instead of ``callback``."""
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            body = callback(*args, **kwargs)
            took = (time.perf_counter() - started) * 1000
            bottle.response.set_header("Server-Timing", f"app;dur={took:.1f}")
            return body

        return wrapper
