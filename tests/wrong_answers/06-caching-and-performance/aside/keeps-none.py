# kind: rule
# why: keeps None too (as "null"), so a key asked for before it exists stays missing for ttl seconds after it is created; the task says None means not there and is never kept
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
            kept = self.store.get(key)
            if kept is not None:
                return json.loads(kept)
            value = self.load(key)
            self.store.set(key, json.dumps(value), self.ttl)
            return value

    def write(self, key, save):
        save()
        self.store.delete(key)
