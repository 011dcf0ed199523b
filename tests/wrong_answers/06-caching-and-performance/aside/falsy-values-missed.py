# kind: coincidence
# why: takes any falsy value for a miss (if value:), which is right for the example's dicts, but loads 0, "", [] and False again on every get
class CacheAside:
    def __init__(self, store, load, ttl):
        self.store, self.load, self.ttl = store, load, ttl
        self.locks = {}
        self.locks_lock = threading.Lock()

    def get(self, key):
        kept = self.store.get(key)
        value = json.loads(kept) if kept else None
        if value:
            return value
        with self.locks_lock:
            lock = self.locks.setdefault(key, threading.Lock())
        with lock:
            kept = self.store.get(key)
            value = json.loads(kept) if kept else None
            if value:
                return value
            value = self.load(key)
            if value:
                self.store.set(key, json.dumps(value), self.ttl)
            return value

    def write(self, key, save):
        save()
        self.store.delete(key)
