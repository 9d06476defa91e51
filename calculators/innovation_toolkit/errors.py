"""The one exception type calculators raise for bad input."""


class InputError(ValueError):
    """Input the user can fix: the message is one line saying what is wrong and where.

    ``line`` and ``column`` are 1-based positions in the input when known.
    """

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None):
        self.line = line
        self.column = column
        where = ""
        if line is not None:
            where = f"line {line}" + (f", column {column}" if column is not None else "") + ": "
        super().__init__(where + message)

    def to_dict(self) -> dict:
        return {"error": str(self), "line": self.line, "column": self.column}
