"""Which files the wheel carries; the rest of the metadata is in pyproject.toml.

Found, not listed: every package under collector_gui/ (a new sub-package cannot be left out,
as ui/pages and ui/dialogs once were), and every file under templates/ and resources/,
which the wheel carries inside the package as collector_gui._templates and
collector_gui._resources (collector_gui/paths.py looks there once installed). Their folders
are declared as data packages too, so setuptools has nothing to warn about.
"""

from pathlib import Path

from setuptools import find_namespace_packages, find_packages, setup

HERE = Path(__file__).parent
DATA = {"collector_gui._templates": "templates", "collector_gui._resources": "resources"}

packages = find_packages(where=str(HERE), include=["collector_gui", "collector_gui.*"])
package_data: dict[str, list[str]] = {}
for package, folder in DATA.items():
    inner = [f"{package}.{sub}" for sub in find_namespace_packages(where=str(HERE / folder))]
    for name in [package, *inner]:
        packages.append(name)
        package_data[name] = ["*"]

setup(packages=packages, package_dir={package: folder for package, folder in DATA.items()},
      package_data=package_data)
