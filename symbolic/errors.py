"""The one error type users see: a one-line message naming the problem and the fix."""


class SympropError(ValueError):
    """Bad user input. `str(err)` is one line: what is wrong, then how to fix it."""

    exit_code = 2

    def __init__(self, problem: str, fix: str = ""):
        self.problem = problem
        self.fix = fix
        super().__init__(f"{problem}; {fix}" if fix else problem)
