"""The README's production variables pass ``check --deploy`` as they are written (issue 23, 19)."""

import re
from pathlib import Path

from tests.contact_portal.test_settings import PRODUCTION, _run

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_production_variables() -> list[str]:
    text = README.read_text()
    sentence = re.search(r"With production variables \(([^)]*)\)", text)
    assert sentence, "the README no longer lists the production variables"
    return re.findall(r"`([A-Z_]+)(?:=[^`]*)?`", sentence.group(1))


def test_the_readmes_production_variables_pass_the_deploy_check():
    names = _readme_production_variables()
    env = {name: PRODUCTION[name] for name in names}  # every listed name has an example value
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_without_an_email_host_the_deploy_check_says_email_would_not_be_sent():
    env = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_HOST"}
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "mail.E001" in result.stderr + result.stdout
