# The contact journey's fixtures, for the fault tests that send a customer message.
from tests.channels_routing.conftest import calm_reason, channels, item  # noqa: F401
