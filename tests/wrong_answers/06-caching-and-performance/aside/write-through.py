# kind: rule
# why: reloads and stores the new value in write (write-through), which loads on every write and keeps a value that may already be stale; the task says write makes the next get load afresh
class CacheAside:
    """Values from ``load``, kept in ``store`` for ``ttl`` seconds; ``write`` makes the next
    read load afresh; one load per key however many readers miss at once."""

    def __init__(self, store, load, ttl):
        self.store = store
        self.load = load
        self.ttl = ttl
        self.locks = {}
        self.locks_guard = threading.Lock()

    def lock_for(self, key):
        with self.locks_guard:
            return self.locks.setdefault(key, threading.Lock())

    def kept(self, key):
        text = self.store.get(key)
        return (False, None) if text is None else (True, json.loads(text))

    def get(self, key):
        """The value for ``key``, from the store or else loaded (and kept unless None)."""
        found, value = self.kept(key)
        if found:
            return value
        with self.lock_for(key):
            found, value = self.kept(key)
            if found:
                return value
            value = self.load(key)
            if value is not None:
                self.store.set(key, json.dumps(value), self.ttl)
            return value

    def write(self, key, save):
        """Run ``save()``, which writes and commits; then drop the kept copy of ``key``."""
        save()
        self.store.set(key, json.dumps(self.load(key)), self.ttl)
