# kind: rule
# why: holds one lock for every key while loading, which stops the stampede but makes a reader of one key wait for the load of any other; the task asks for a lock per key
class CacheAside:
    def __init__(self, store, load, ttl):
        self.store, self.load, self.ttl = store, load, ttl
        self.lock = threading.Lock()

    def get(self, key):
        kept = self.store.get(key)
        if kept is not None:
            return json.loads(kept)
        with self.lock:
            kept = self.store.get(key)
            if kept is not None:
                return json.loads(kept)
            value = self.load(key)
            if value is not None:
                self.store.set(key, json.dumps(value), self.ttl)
            return value

    def write(self, key, save):
        save()
        self.store.delete(key)
