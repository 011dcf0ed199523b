"""``course site``: the lessons and the assignments' statements as a static website.

The site is built once, in a copy of the course, with every lesson run; then its files are
checked (a page per lesson and per assignment, course order, the notebooks to download), and
Chromium opens every page from ``course site --serve``'s server: each lesson renders with the
outputs of its cells, no request leaves 127.0.0.1, and every link within the site leads to a
page, and to an anchor on it, that exists.
"""

import html.parser
import posixpath
import re
import signal
import subprocess
import sys
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import requests

from course import notebooks
from course.paths import CourseError
from course.services import free_port
from course.site import build_site, lesson_title, serving

from .browser import chromium, requested_urls, wait_for
from .course_helpers import REPO, copy_course, published
from .test_newcomer_errors import assert_explained, busy_port, run  # noqa: F401


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The course's site, built in a copy of the course: ``(course, pages, site folder)``."""
    course = copy_course(tmp_path_factory.mktemp("site") / "course")
    pages, _, out = build_site(course, echo=lambda line: None)
    return course, pages, out


@pytest.fixture(scope="module")
def site(built):
    with serving(built[2]) as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver


def expected_order(course):
    """Every page in course order: the home page, then each lesson followed by its assignment."""
    order = ["index.html"]
    for lesson in course.lesson_sources():
        order.append(f"lessons/{lesson.stem}.html")
        if (course.solutions / lesson.stem).is_dir():
            order.append(f"assignments/{lesson.stem}.html")
    return order


# --- the files ----------------------------------------------------------------------------------


def test_every_lesson_and_assignment_has_a_page(built):
    course, pages, out = built
    lessons = [path.stem for path in course.lesson_sources()]
    assert [page.name for page in pages] == lessons and lessons
    for name in lessons:
        lesson = (out / "lessons" / f"{name}.html").read_text("utf-8")
        assert f"<h1>{lesson_title(course.lessons / f'{name}.md')}" in lesson
    for name in course.assignments():
        statement = (out / "assignments" / f"{name}.html").read_text("utf-8")
        assert f"exercises/{name}/{name}.ipynb" in statement


def test_each_exercise_notebook_can_be_downloaded_as_learners_get_it(built):
    course, _, out = built
    for name in course.assignments():
        statement = (out / "assignments" / f"{name}.html").read_text("utf-8")
        links = re.findall(rf'href="(\.\./_downloads/[^"]+/{name}\.ipynb)"', statement)
        assert links, f"the statement of {name} links to its notebook"
        downloaded = (out / "assignments" / links[0]).resolve()
        assert downloaded.read_bytes() == published(REPO / "exercises" / name / f"{name}.ipynb")


def test_no_page_shows_a_solution_or_a_hidden_test(built):
    course, _, out = built
    for page in out.rglob("*.html"):
        text = page.read_text("utf-8")
        for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
            assert marker not in text, f"{page.relative_to(out)} shows {marker}"
    for name in course.assignments():
        solution = notebooks.read(REPO / "solutions" / name / f"{name}.ipynb")
        answers = [cell.source for cell in solution.cells if "### BEGIN SOLUTION" in cell.source]
        statement = (out / "assignments" / f"{name}.html").read_text("utf-8")
        assert answers and "NotImplementedError" in statement, name


def test_the_navigation_follows_the_course_order(built):
    course, _, out = built
    order = expected_order(course)
    index = (out / "index.html").read_text("utf-8")
    sidebar = index[index.index('class="bd-sidebar-primary'):]
    sidebar = sidebar[:sidebar.index("</nav>")]
    listed = re.findall(r'class="reference internal" href="([^"#]+)"', sidebar)
    assert listed == order[1:]
    for page, following in zip(order, order[1:]):
        text = (out / page).read_text("utf-8")
        after = re.search(r'<a class="right-next"\s+href="([^"]+)"', text)
        assert after, f"{page} has a Next link"
        assert posixpath.normpath(posixpath.join(posixpath.dirname(page), after[1])) == following


# --- in Chromium --------------------------------------------------------------------------------


def test_every_lesson_renders_with_the_outputs_of_its_cells(built, site, browser):
    from selenium.webdriver.common.by import By

    course, _, _ = built
    for lesson in course.lesson_sources():
        browser.get(urljoin(site, f"lessons/{lesson.stem}.html"))
        heading = wait_for(browser, "article h1")
        assert heading.text.rstrip("#").strip() == lesson_title(lesson)
        cells = browser.find_elements(By.CSS_SELECTOR, "div.cell")
        outputs = [output for output in browser.find_elements(By.CSS_SELECTOR, "div.cell_output")
                   if output.is_displayed() and output.text.strip()]
        assert cells, f"{lesson.stem} shows its code cells"
        assert len(outputs) > len(cells) / 2, \
            f"{lesson.stem}: only {len(outputs)} of {len(cells)} cells show an output"
        assert browser.find_elements(By.CSS_SELECTOR, "div.output.traceback") == [], \
            f"{lesson.stem}: a cell raised while the site was built"


def test_the_site_loads_with_no_request_leaving_this_machine(built, site, browser):
    course, _, _ = built
    browser.get("about:blank")
    requested_urls(browser)
    for page in expected_order(course):
        browser.get(urljoin(site, page))
        wait_for(browser, "article h1")
    urls = requested_urls(browser)
    assert any(url.endswith(".css") or ".css?" in url for url in urls)
    assert [url for url in urls if not url.startswith((site, "data:", "blob:"))] == []


class Anchors(html.parser.HTMLParser):
    """The ids a page defines, which a link's #fragment may point to."""

    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name in ("id", "name") and value)


def anchors(url, cache={}):
    if url not in cache:
        parser = Anchors()
        parser.feed(requests.get(url, timeout=10).text)
        cache[url] = parser.ids
    return cache[url]


def test_no_link_within_the_site_is_broken(built, site, browser):
    """From the home page, follow every link to a page of the site, as Chromium resolves it."""
    seen, queue, broken = set(), [site + "index.html"], []
    while queue:
        page = queue.pop()
        if page in seen:
            continue
        seen.add(page)
        browser.get(page)
        wait_for(browser, "main")
        links = browser.execute_script("""
            return [...document.querySelectorAll('a[href], link[href], script[src], img[src]')]
                .map(element => element.href || element.src);""")
        for link in links:
            target, fragment = urldefrag(link)
            if not target.startswith(site):
                continue
            answer = requests.get(target, timeout=10)
            if answer.status_code != 200:
                broken.append(f"{page} -> {link}: {answer.status_code}")
            elif fragment and fragment not in anchors(target):
                broken.append(f"{page} -> {link}: no #{fragment} there")
            elif target.endswith(".html") and target not in seen:
                queue.append(target)
    assert broken == []
    pages = {urlsplit(url).path.lstrip("/") for url in seen}
    assert set(expected_order(built[0])) <= pages, "every page is reached from the home page"


# --- the command --------------------------------------------------------------------------------


def test_a_lesson_that_fails_names_itself_and_its_error(tmp_path):
    course = copy_course(tmp_path / "course")
    for lesson in course.lesson_sources()[1:]:
        lesson.unlink()
    first = course.lesson_sources()[0]
    with first.open("a", encoding="utf-8") as text:
        text.write('\n```{code-cell} ipython3\nraise ValueError("a lesson broken on purpose")\n```\n')
    with pytest.raises(CourseError) as failed:
        build_site(course, echo=lambda line: None)
    message = str(failed.value)
    assert f"a cell of lessons/{first.name} raised ValueError: a lesson broken on purpose" \
        in message
    assert "Fix:" in message and "build/site.log" in message


def test_site_serve_serves_the_last_build_until_interrupted(built, tmp_path):
    course, _, out = built
    port = free_port()
    served = subprocess.Popen([sys.executable, "-m", "course", "--root", str(course.root),
                               "site", "--serve", "--no-build", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = served.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line, line
        page = requests.get(f"http://127.0.0.1:{port}/lessons/00-start-here.html", timeout=10)
        assert page.status_code == 200 and "00 · Start here" in page.text
    finally:
        served.send_signal(signal.SIGINT)
        rest, _ = served.communicate(timeout=30)
    assert served.returncode == 0 and "Traceback" not in rest, rest


def test_serving_a_site_never_built_says_to_build_it(tmp_path):
    course = copy_course(tmp_path / "course")
    code, output = run([sys.executable, "-m", "course", "site", "--serve", "--no-build"],
                       tmp_path, cwd=course.root)
    assert code == 2 and "holds no built site" in output and "run course site" in output
    assert "Traceback" not in output


def test_site_serve_on_a_port_in_use_says_so_before_building(tmp_path, busy_port):
    course = copy_course(tmp_path / "course")
    code, output = run([sys.executable, "-m", "course", "site", "--serve", "--port",
                        str(busy_port)], tmp_path, cwd=course.root)
    assert_explained(code, output, f"port {busy_port} on 127.0.0.1", "course site --port ")
    assert "Staging" not in output, "nothing is built when the port is taken"
