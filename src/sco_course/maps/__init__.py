"""Maps that work offline in the static book.

* :mod:`~sco_course.maps.offline`: any Folium map with local Leaflet, popups
  and browser-drawn controls (their scripts and stylesheet are in ``web/``);
* :mod:`~sco_course.maps.status_map`: the course's base map of SCO status;
* :mod:`~sco_course.maps.projects`: chapter 3's project and event layers.
"""

from sco_course.maps.status_map import borders_caption, membership_map, status_table
from sco_course.maps.offline import fit_view, geojson_layer, offline_map, popup_html
from sco_course.maps.projects import ProjectLegend, event_places_layer, project_layers

__all__ = ["ProjectLegend", "borders_caption", "event_places_layer", "fit_view", "geojson_layer",
           "membership_map", "offline_map", "popup_html", "project_layers", "status_table"]
