"""Runs test_conformance and writes every test's outcome as JSON, for KernelConformanceTests to judge.

    python3 run_conformance.py RESULTS.json [TEST_NAME...]

RESULTS.json: {"suite_tests": [the test_* names jupyter_kernel_test offers], "outcomes": {test id: "pass" | "fail" |
"error" | "skip"}, "details": {test id: message}}. Subtests get their own ids. Exits 1 unless everything passed.
"""

import json
import sys
import unittest

import jupyter_kernel_test


class RecordingResult(unittest.TextTestResult):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = {}
        self.details = {}

    def _record(self, test, outcome, detail=""):
        self.outcomes[test.id()] = outcome
        if detail:
            self.details[test.id()] = detail

    def addSuccess(self, test):
        super().addSuccess(test)
        self._record(test, "pass")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._record(test, "fail", self._exc_info_to_string(err, test))

    def addError(self, test, err):
        super().addError(test, err)
        self._record(test, "error", self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._record(test, "skip", reason or "(no reason given)")

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            kind = "fail" if issubclass(err[0], test.failureException) else "error"
            self._record(subtest, kind, self._exc_info_to_string(err, test))


def main(argv):
    out = argv[1]
    names = argv[2:] or ["test_conformance"]
    suite = unittest.defaultTestLoader.loadTestsFromNames(names)
    result = unittest.TextTestRunner(verbosity=2, resultclass=RecordingResult, stream=sys.stdout).run(suite)
    offered = sorted(n for n in dir(jupyter_kernel_test.KernelTests) if n.startswith("test_"))
    with open(out, "w") as f:
        json.dump({"suite_tests": offered, "outcomes": result.outcomes, "details": result.details}, f, indent=1)
    counts = {}
    for outcome in result.outcomes.values():
        counts[outcome] = counts.get(outcome, 0) + 1
    print("conformance: " + ", ".join(f"{counts.get(k, 0)} {k}" for k in ("pass", "fail", "error", "skip")))
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
