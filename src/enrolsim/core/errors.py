"""Errors that reach a person: one line naming the file, the key and what was expected."""


class InputError(Exception):
    """Bad input from a file or the command line. ``str()`` is the whole one-line message."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        self.source, self.key, self.problem = source, key, problem
        where = f"{source}: {key}: " if key else f"{source}: "
        super().__init__(where + problem)


class ScenarioError(InputError):
    """A scenario file that cannot be read or does not validate."""


class ExperimentError(InputError):
    """An experiment, trial or calibration file (or a store) that cannot be used."""
