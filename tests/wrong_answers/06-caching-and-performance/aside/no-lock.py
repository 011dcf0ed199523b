# kind: rule
# why: has no lock, so every reader that misses at once runs its own load: a stampede of loads on the database when a popular key expires
class CacheAside:
    def __init__(self, store, load, ttl):
        self.store, self.load, self.ttl = store, load, ttl

    def get(self, key):
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
