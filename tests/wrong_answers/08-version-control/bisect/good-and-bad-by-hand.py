# kind: rule
# why: runs the test itself and answers git bisect good/bad in a loop; the task asks for git bisect run
def first_bad(repo, good, test):
    # bisect by hand with good/bad, using the good's name as given (a tag object), leaves
    # the bisect in progress if the test crashes
    repos.git(repo, "bisect", "start")
    repos.git(repo, "bisect", "bad")
    repos.git(repo, "bisect", "good", good)
    while True:
        ok = subprocess.run(test, cwd=repo).returncode == 0
        out = repos.git(repo, "bisect", "good" if ok else "bad")
        if "is the first bad commit" in out:
            bad = out.split()[0]
            break
    repos.git(repo, "bisect", "reset")
    return bad
