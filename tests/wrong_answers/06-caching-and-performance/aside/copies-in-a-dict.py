# kind: rule
# why: keeps its copies in a dict of its own instead of the store, so the cache lives in one process only (and never in Redis); the task says to keep each copy in store
class CacheAside:
    def __init__(self, store, load, ttl):
        self.store, self.load, self.ttl = store, load, ttl
        self.kept = {}
        self.locks = {}
        self.guard = threading.Lock()

    def get(self, key):
        now = self.store.clock()
        if key in self.kept and self.kept[key][1] > now:
            return self.kept[key][0]
        with self.guard:
            lock = self.locks.setdefault(key, threading.Lock())
        with lock:
            self.store.get(key)
            if key in self.kept and self.kept[key][1] > now:
                return self.kept[key][0]
            value = self.load(key)
            if value is not None:
                self.kept[key] = (value, now + self.ttl)
            return value

    def write(self, key, save):
        save()
        self.kept.pop(key, None)
