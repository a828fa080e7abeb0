"""In the compose stack nginx serves /static/ itself, from the files collected in the image,
so static files never queue behind gunicorn's threads waiting on a stuck database (issue 23,
item 8). Docker is not run here: the files that wire it are read."""

import re
from pathlib import Path

import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _locations(conf: str) -> dict[str, str]:
    return dict(re.findall(r"location\s+(\S+)\s*\{([^}]*)\}", conf))


def _stages(dockerfile: str) -> dict[str, str]:
    """Each named stage's instructions, by name."""
    parts = re.split(r"^FROM\s+", dockerfile, flags=re.MULTILINE)[1:]
    stages = {}
    for part in parts:
        head, _, body = part.partition("\n")
        name = head.split(" AS ")[-1].strip() if " AS " in head else head.strip()
        stages.setdefault(name, body)  # the last stage, "FROM app", reuses the app
    return stages


def test_nginx_serves_static_files_from_the_collected_files():
    locations = _locations((ROOT / "ops/nginx.conf").read_text())
    static_url = "/" + settings.STATIC_URL.strip("/") + "/"
    assert static_url in locations
    static = locations[static_url]
    assert "proxy_pass" not in static
    assert re.search(r"^\s*alias\s+/srv/static/;", static, re.MULTILINE)
    # Everything else still goes to the app.
    assert "proxy_pass http://web;" in locations["/"]
    assert "proxy_pass http://live;" in locations["/live/"]


def test_the_proxy_image_holds_the_collected_files_and_the_config():
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = _stages(dockerfile)
    app_root = "/app"
    collected = f"{app_root}/{Path(settings.STATIC_ROOT).relative_to(settings.BASE_DIR)}"
    # Collected with the production storage: hashed names and the manifest the pages use.
    assert re.search(r"DEBUG=0 .*manage\.py collectstatic", stages["app"])
    assert f"COPY --from=app {collected} /srv/static" in stages["proxy"]
    assert "COPY ops/nginx.conf /etc/nginx/conf.d/default.conf" in stages["proxy"]
    # `docker build .` still builds the app.
    assert re.findall(r"^FROM\s+(.*)$", dockerfile, re.MULTILINE)[-1].strip() == "app"


def test_compose_runs_that_proxy_in_front_of_web_and_live():
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert services["proxy"]["build"] == {"context": ".", "target": "proxy"}
    assert "image" not in services["proxy"]
    for name in ("web", "live", "worker", "beat", "migrate"):
        assert services[name]["build"]["target"] == "app"
