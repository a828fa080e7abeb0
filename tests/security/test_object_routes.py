"""Every route that takes an object id, reference or token, tried by everyone who should not
get in: signed out, another customer, an agent of another team, a customer on staff pages, an
agent on manager pages. Each (route, actor, method) is its own test; refused POSTs change
nothing."""

import pytest

from tests.security.checks import (
    assert_outcome,
    assert_shows_nothing_of_the_owner,
    fingerprint,
    url_for,
)
from tests.security.routes import (
    ADMIN_PAGES,
    ADMIN_RULES,
    DONE,
    EXEMPT,
    OK,
    ROUTES,
    admin_route_name,
    admin_routes,
    registered_admin_models,
    walk,
)

ALL_ROUTES = ROUTES + admin_routes()


def _cases():
    for route in ALL_ROUTES:
        for actor, expected in route.expect.items():
            for method in route.methods:
                if method == "POST" and expected == OK:
                    continue  # an allowed POST's result depends on the form; GET proves access
                yield pytest.param(route, actor, method, id=f"{route.id}-{actor}-{method}")


def test_every_route_with_a_parameter_is_in_the_table():
    known = {route.name for route in ROUTES} | set(EXEMPT)
    known |= {admin_route_name(label, page) for label in ADMIN_RULES for page in ADMIN_PAGES}
    missing = sorted(pattern for key, pattern, params in walk() if params and key not in known)
    assert not missing, (
        "These URL patterns take a parameter but are not in tests/security/routes.py; add "
        f"them to the table with who may open them: {missing}"
    )


def test_every_admin_model_has_a_rule_in_the_table():
    assert registered_admin_models() == set(ADMIN_RULES), (
        "A model was registered in (or removed from) the admin: give it a rule in ADMIN_RULES "
        "and an object in tests/security/world.py ADMIN_OBJECTS"
    )


def test_the_table_lists_no_route_that_is_gone():
    existing = {key for key, _pattern, _params in walk()}
    gone = sorted({route.name for route in ALL_ROUTES} - existing)
    assert not gone, f"Routes in the table that the project no longer has: {gone}"


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "actor", "method"), list(_cases()))
def test_route_lets_in_only_who_may(world, route, actor, method):
    url = url_for(route, route.kwargs(world), route.query(world))
    data = route.data(world)
    client = world.client(actor)
    expected = route.expect[actor]
    if method == "GET":
        response = client.get(url)
        assert_outcome(response, expected)
    else:
        before = fingerprint()
        response = client.post(url, data)
        assert_outcome(response, expected)
        if expected == DONE:  # the positive control: the same POST by someone allowed works
            assert fingerprint() != before, "an allowed POST changed nothing"
        else:
            assert fingerprint() == before, "a refused POST changed data"
    if actor in ("anonymous", "other_customer"):
        assert_shows_nothing_of_the_owner(response, world.owner.email)
