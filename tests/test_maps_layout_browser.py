"""Every map of the built book at three screen sizes: it fits the page, its view, its controls, layers and popups."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import watch
from helpers import map_frame
from sco_course.data import load
from sco_course.membership import statuses_by_year

MEMBERS_PAGE = "chapters/1-security/shanghai-five-to-ten-members.html"
COURSE_MAP_PAGE = "chapters/3-connectivity/the-map.html"
RAILWAY_PAGE = "chapters/3-connectivity/case-study-railway.html"
SIZES = {"phone": (390, 844), "laptop": (1280, 900), "desktop": (1920, 1080)}
MOST_COVERED = 0.25
HEIGHT_SHARE = (0.6, 0.7)
LEAST_DESKTOP_HEIGHT = 420
PAN_TIME_MS = 600
"""Long enough for Leaflet's pan that brings a new popup into view (250 ms)."""

MAP_OF_FRAME = "Object.values(window).find((value) => value instanceof L.Map)"

COVERED_SHARE = """() => {
  const box = document.querySelector(".leaflet-container").getBoundingClientRect();
  const rects = [...document.querySelectorAll(".leaflet-control")].map((el) => el.getBoundingClientRect())
    .filter((rect) => rect.width && rect.height);
  let covered = 0, total = 0;
  for (let x = box.left + 1; x < box.right; x += 2) {
    for (let y = box.top + 1; y < box.bottom; y += 2) {
      total++;
      if (rects.some((r) => x >= r.left && x < r.right && y >= r.top && y < r.bottom)) covered++;
    }
  }
  return covered / total;
}"""

OUTSIDE_THE_VIEW = """(codes) => {
  const map = %s;
  const view = map.getBounds();
  const outside = [];
  map.eachLayer((layer) => {
    const code = layer.feature && layer.feature.properties.iso3;
    if (codes.includes(code) && !view.contains(layer.getBounds ? layer.getBounds() : layer.getLatLng())) outside.push(code);
  });
  return outside;
}""" % MAP_OF_FRAME

POINTS_OUTSIDE_THE_VIEW = """(points) => {
  const view = (%s).getBounds();
  return points.filter(([lat, lon]) => !view.contains([lat, lon]));
}""" % MAP_OF_FRAME

# The features of class `cls` that a pointer can reach, each with one point
# where it would hit them: the centre of a circle, or the middle of a
# segment of a line.
CLICKABLE_FEATURES = """(cls) => {
  const map = %s;
  const frame = map.getContainer().getBoundingClientRect();
  const reachable = [];
  map.eachLayer((layer) => {
    const path = layer.getElement && layer.getElement();
    if (!path || !path.classList.contains(cls)) return;
    const points = layer.getLatLng ? [layer.getLatLng()] : [layer.getLatLngs()].flat(2).slice(1).map((end, i, ends) => {
      const start = i ? ends[i - 1] : [layer.getLatLngs()].flat(2)[0];
      return L.latLng((start.lat + end.lat) / 2, (start.lng + end.lng) / 2);
    });
    for (const latlng of points) {
      const point = map.latLngToContainerPoint(latlng);
      const x = frame.left + point.x, y = frame.top + point.y;
      if (document.elementFromPoint(x, y) === path) {
        reachable.push({x: x, y: y, name: layer.feature.properties.name});
        return;
      }
    }
  });
  return reachable;
}""" % MAP_OF_FRAME

# Moves the map so that the northernmost summit city sits just below the
# lowest control at the top of the map, under the layer list's side.
SUMMIT_BELOW_THE_TOP_CONTROLS = """() => {
  const map = %s;
  const frame = map.getContainer().getBoundingClientRect();
  const layers = document.querySelector(".leaflet-control-layers").getBoundingClientRect();
  let northernmost = null;
  map.eachLayer((layer) => {
    const path = layer.getElement && layer.getElement();
    if (path && path.classList.contains("sco-summit") && (!northernmost || layer.getLatLng().lat > northernmost.getLatLng().lat)) {
      northernmost = layer;
    }
  });
  const target = L.point(Math.max(layers.left - frame.left, 160), layers.bottom - frame.top + 14);
  map.panBy(map.latLngToContainerPoint(northernmost.getLatLng()).subtract(target), {animate: false});
  return {x: frame.left + target.x, y: frame.top + target.y, name: northernmost.feature.properties.name};
}""" % MAP_OF_FRAME

POPUP_OVERLAPS = """() => {
  const popup = document.querySelector(".leaflet-popup").getBoundingClientRect();
  const box = document.querySelector(".leaflet-container").getBoundingClientRect();
  const overlaps = [...document.querySelectorAll(".leaflet-control")]
    .filter((control) => {
      const r = control.getBoundingClientRect();
      return r.width && r.height && r.left < popup.right && popup.left < r.right && r.top < popup.bottom && popup.top < r.bottom;
    })
    .map((control) => control.className);
  const inside = popup.left >= box.left && popup.right <= box.right && popup.top >= box.top && popup.bottom <= box.bottom;
  return {overlaps: overlaps, inside: inside};
}"""


def ever_members() -> list[str]:
    statuses = statuses_by_year(range(1996, 2026))
    return sorted({state for year in statuses.values() for state, status in year.items() if status == "member"})


def railway_places() -> list[list[float]]:
    """The route's waypoints and the places of its milestones in the states it crosses after China."""
    railway = next(feature for feature in load("connectivity")["features"]
                   if feature["properties"]["id"] == "china-kyrgyzstan-uzbekistan-railway")
    events = load("events")
    crossed = railway["properties"]["states"].split(";")[1:]
    milestones = events[events["id"].str.startswith("con-cku-") & events["country"].isin(crossed)]
    milestones = milestones.dropna(subset=["latitude", "longitude"])
    return [[lat, lon] for lon, lat in railway["geometry"]["coordinates"]] + milestones[["latitude", "longitude"]].values.tolist()


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def sized_page(request, browser):
    """A watched page at one of the three screen sizes; the phone is a touch screen."""
    width, height = SIZES[request.param]
    phone = request.param == "phone"
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=phone, is_mobile=phone)
    page, problems = watch(context)
    yield request.param, page, problems
    context.close()


def open_map(page, url: str):
    """The page's first map, scrolled into view, with its controls: (iframe element, frame)."""
    page.goto(url)
    map_frame(page)
    frame = page.locator("iframe").first.element_handle().content_frame()
    frame.wait_for_selector(".leaflet-control-attribution", state="attached", timeout=20_000)
    return page.locator("iframe").first, frame


@pytest.mark.parametrize("path", [MEMBERS_PAGE, COURSE_MAP_PAGE, RAILWAY_PAGE])
def test_map_fits_the_page_and_shows_what_it_is_about(sized_page, book_url, artifacts, path):
    size, page, problems = sized_page
    iframe, frame = open_map(page, book_url + path)
    height = iframe.bounding_box()["height"]
    viewport = page.viewport_size
    low, high = HEIGHT_SHARE
    assert low * viewport["height"] <= height <= high * viewport["height"], height
    if size != "phone":
        assert height >= LEAST_DESKTOP_HEIGHT
    covered = frame.evaluate(COVERED_SHARE)
    assert covered < MOST_COVERED, f"controls cover {covered:.0%} of the map"
    if path == RAILWAY_PAGE:
        assert frame.evaluate(POINTS_OUTSIDE_THE_VIEW, railway_places()) == []
    else:
        assert frame.evaluate(OUTSIDE_THE_VIEW, ever_members()) == []
    iframe.screenshot(path=artifacts / f"map-{path.rsplit('/', 1)[-1][:-5]}-{size}.png")
    problems.assert_clean()


def click_like_a_reader(page, size: str, point: dict) -> None:
    if size == "phone":
        page.touchscreen.tap(point["x"], point["y"])
    else:
        page.mouse.click(point["x"], point["y"])


def on_the_page(iframe, point: dict) -> dict:
    """``point`` (in the map's frame) on the page, once the page has stopped scrolling.

    Checking a box in the layer list scrolls the page to it, smoothly; a
    reader clicks where the map has come to rest, scrolling the point into
    view first if it is out of sight.
    """
    page = iframe.page

    def settled_box():
        box = iframe.bounding_box()
        for _ in range(50):
            page.wait_for_timeout(50)
            settled, box = box, iframe.bounding_box()
            if settled == box:
                break
        return box

    box = settled_box()
    height = page.viewport_size["height"]
    if not 0 < box["y"] + point["y"] < height:  # out of sight: a reader scrolls it into view first
        page.evaluate("offset => window.scrollBy(0, offset)", box["y"] + point["y"] - height / 2)
        box = settled_box()
    return {**point, "x": box["x"] + point["x"], "y": box["y"] + point["y"]}


def at_rest(frame, script: str, *args):
    """``frame.evaluate(script, *args)`` once the map has stopped moving: a layer switched on, or a
    popup opened, can set the map panning, and a reader clicks where a feature has come to rest."""
    found = frame.evaluate(script, *args)
    for _ in range(50):
        frame.page.wait_for_timeout(100)
        settled, found = found, frame.evaluate(script, *args)
        if settled == found:
            break
    return found


def show_layer_list(frame) -> None:
    """Open a collapsed layer list as a reader's finger would."""
    if frame.locator(".leaflet-control-layers-expanded").count() == 0:
        frame.locator(".leaflet-control-layers-toggle").tap()
        expect(frame.locator(".leaflet-control-layers-expanded")).to_have_count(1)


def test_states_switched_off_and_on_stay_below_cities_and_projects(sized_page, book_url):
    size, page, problems = sized_page
    iframe, frame = open_map(page, book_url + COURSE_MAP_PAGE)
    show_layer_list(frame)
    feature_classes = ("sco-summit", "sco-connectivity")
    reachable = {cls: frame.evaluate(CLICKABLE_FEATURES, cls) for cls in feature_classes}
    states = frame.locator(".leaflet-control-layers label", has_text="States by SCO status").locator("input")
    states.uncheck()
    states.check()
    expect(frame.locator("path.sco-country").first).to_be_attached()
    assert {cls: frame.evaluate(CLICKABLE_FEATURES, cls) for cls in feature_classes} == reachable, \
        "features covered by the states switched back on"
    for cls in feature_classes:
        point = at_rest(frame, CLICKABLE_FEATURES, cls)[0]
        click_like_a_reader(page, size, on_the_page(iframe, point))
        expect(frame.locator(".leaflet-popup-content strong").first).to_have_text(point["name"])
        page.wait_for_timeout(PAN_TIME_MS)
    problems.assert_clean()


def test_a_popup_near_the_top_opens_whole_and_clear_of_the_controls(sized_page, book_url, artifacts):
    size, page, problems = sized_page
    iframe, frame = open_map(page, book_url + MEMBERS_PAGE)
    point = at_rest(frame, SUMMIT_BELOW_THE_TOP_CONTROLS)
    click_like_a_reader(page, size, on_the_page(iframe, point))
    expect(frame.locator(".leaflet-popup-content strong")).to_have_text(point["name"])
    page.wait_for_timeout(PAN_TIME_MS)
    placement = frame.evaluate(POPUP_OVERLAPS)
    iframe.screenshot(path=artifacts / f"map-popup-near-the-top-{size}.png")
    assert placement == {"overlaps": [], "inside": True}
    problems.assert_clean()


def test_maps_start_compact_on_a_phone(watched_phone_page, book_url):
    page, problems = watched_phone_page
    _, frame = open_map(page, book_url + COURSE_MAP_PAGE)
    expect(frame.locator(".leaflet-control-layers")).not_to_have_class("leaflet-control-layers-expanded")
    expect(frame.locator(".sco-map-control ul")).to_be_hidden()
    frame.locator(".sco-map-control summary").click()
    expect(frame.locator(".sco-map-control ul")).to_be_visible()
    problems.assert_clean()


def test_a_printed_map_keeps_its_legends_and_drops_its_buttons(watched_phone_page, book_url, artifacts):
    page, problems = watched_phone_page
    _, frame = open_map(page, book_url + COURSE_MAP_PAGE)
    page.emulate_media(media="print")
    for hidden in (".leaflet-control-zoom", ".leaflet-control-layers", ".sco-map-control input"):
        expect(frame.locator(hidden)).to_be_hidden()
    for legend in (".sco-map-control li", ".sco-project-legend li"):
        expect(frame.locator(legend).first).to_be_visible()
    page.locator("iframe").first.screenshot(path=artifacts / "map-print.png")
    problems.assert_clean()
