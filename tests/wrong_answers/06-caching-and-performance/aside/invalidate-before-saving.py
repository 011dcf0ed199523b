# kind: rule
# why: deletes the copy before save() commits, so a reader that comes in during the write loads the old value and keeps it for ttl seconds; the task says to remove it once save() has returned
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
            if value is not None:
                self.store.set(key, json.dumps(value), self.ttl)
            return value

    def write(self, key, save):
        self.store.delete(key)
        save()
