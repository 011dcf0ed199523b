# kind: rule
# why: takes the key's lock but does not look in the store again once it holds it, so each waiting reader loads in turn after the first: one load at a time, but still one per reader
class CacheAside:
    def __init__(self, store, load, ttl):
        self.store, self.load, self.ttl = store, load, ttl
        self.locks = {}
        self.locks_lock = threading.Lock()

    def get(self, key):
        kept = self.store.get(key)
        if kept is not None:
            return json.loads(kept)
        with self.locks_lock:
            lock = self.locks.setdefault(key, threading.Lock())
        with lock:
            value = self.load(key)
            if value is not None:
                self.store.set(key, json.dumps(value), self.ttl)
            return value

    def write(self, key, save):
        save()
        self.store.delete(key)
