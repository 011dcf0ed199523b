# kind: catch-all
# why: catches every exception as if it were an HTTPResponse, so a handler's crash turns into an AttributeError raised by the plugin; the check that a crash reaches Bottle as the handler's own exception must catch it
class TimingPlugin:
    """A Bottle plugin: adds Server-Timing: app;dur=<ms> to every answer of a route."""

    name = "timing"  # routes skip it with skip=["timing"]
    api = 2  # the version of Bottle's plugin contract: apply() receives the route

    def apply(self, callback, route):
        """Return the function that answers instead of ``callback``."""
        def header(started):
            return f"app;dur={(time.perf_counter() - started) * 1000:.1f}"

        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                body = callback(*args, **kwargs)
            except Exception as answer:
                answer.set_header("Server-Timing", header(started))
                raise
            bottle.response.set_header("Server-Timing", header(started))
            return body

        return wrapper
