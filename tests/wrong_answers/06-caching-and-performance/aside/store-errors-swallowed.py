# kind: catch-all
# why: hands the store the value itself, not its JSON, and hides the store's refusal behind except Exception, so nothing is ever kept and every get is a load
class CacheAside:
    def __init__(self, store, load, ttl):
        self.store, self.load, self.ttl = store, load, ttl
        self.locks = {}
        self.locks_lock = threading.Lock()

    def get(self, key):
        kept = self.store.get(key)
        if kept is not None:
            return kept
        with self.locks_lock:
            lock = self.locks.setdefault(key, threading.Lock())
        with lock:
            kept = self.store.get(key)
            if kept is not None:
                return kept
            value = self.load(key)
            try:
                self.store.set(key, value, self.ttl)
            except Exception:
                pass  # the cache is optional
            return value

    def write(self, key, save):
        save()
        self.store.delete(key)
