"""Jupyter's kernel conformance suite (jupyter_kernel_test) against our kernel, plus what the suite leaves out.

Run by KernelConformanceTests (Maven profile "full") through run_conformance.py, with JUPYTER_PATH pointing at a
private kernelspec of the built kernel and INTRIGUING_HISTORY at a scratch history file. By hand:

    JUPYTER_PATH=kernel-ext/target/jupyter-conformance INTRIGUING_HISTORY=/tmp/h.json \
        /usr/bin/python3 -m unittest -v test_conformance        # from kernel-ext/src/test/python
"""

import unittest
from queue import Empty

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel
from jupyter_kernel_test.msgspec_v5 import validate_message

KERNEL_NAME = "intriguing-java"
# The first cell waits for JShell to warm up with the notebook's imports: seconds on an idle machine, more on a
# loaded CI runner, so it gets its own timeout instead of the suite's 15 s per reply.
WARM_UP_TIMEOUT = 180
# A magic that trains or attacks runs for seconds to minutes.
MAGIC_TIMEOUT = 600


def warm_up(kc):
    """Runs one cell and drains every channel, so that the tests that follow meet a ready kernel."""
    msg_id = kc.execute("1 + 1")
    reply = shell_reply(kc, msg_id, WARM_UP_TIMEOUT)
    assert reply["content"]["status"] == "ok", reply["content"]
    drain_iopub(kc, msg_id, WARM_UP_TIMEOUT)


def shell_reply(kc, msg_id, timeout):
    """The reply to request msg_id, validated; replies to earlier requests (the client's kernel_info) are skipped."""
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        validate_message(reply)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def drain_iopub(kc, msg_id, timeout):
    """Every iopub message of request msg_id up to its idle status, each validated against the v5 schema."""
    messages = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        validate_message(msg)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return messages


class IntriguingKernelTests(jupyter_kernel_test.KernelTests):
    """Every test that jupyter_kernel_test offers, with Java samples."""

    kernel_name = KERNEL_NAME
    language_name = "Java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("a warning");'

    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "System.out.printl", "matches": {"println("}},
        {"text": "%datas", "matches": {"dataset"}},
    ]

    complete_code_samples = ["1 + 1", "int x = 3;", "for (int i = 0; i < 3; i++) { }", "%dataset mnist"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "Math.max(1,", "String s = \"a\" +"]
    # What JShell's source analysis can tell is wrong before compiling; code that only the compiler rejects ("1 +* 2")
    # is "complete", and running it shows the compile error.
    invalid_code_samples = ["int x = ;", "}", '"no closing quote']

    code_generate_error = 'throw new IllegalStateException("boom");'

    # "ab", not "\"ab\"": a string result shows its text, as IJava shows it.
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"a" + "b"', "result": "ab"},
        {"code": "Math.max(3, 4)", "result": "4"},
        {"code": "List.of(1, 2)", "result": "[1, 2]"},
    ]
    code_display_data = [
        {"code": 'display("hello")', "mime": "text/plain"},
        {"code": 'display("<b>bold</b>", "text/html")', "mime": "text/html"},
        {"code": "display(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB))", "mime": "image/png"},
    ]

    supported_history_operations = ("tail", "range", "search")
    # A glob that matches one of the code_execute_result samples and nothing else run here.
    code_history_pattern = '*"a" + "b"*'

    code_inspect_sample = "Math.max"
    code_clear_output = 'System.out.println("soon gone"); clearOutput();'
    # IPython's help syntax: the documentation comes back as a pager payload.
    code_page_something = "Math.max?"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        warm_up(cls.kc)

    # -- beyond the suite --------------------------------------------------------------------------------------

    def inspect(self, code, cursor_pos=None):
        self.flush_channels()
        msg_id = self.kc.inspect(code, cursor_pos=len(code) if cursor_pos is None else cursor_pos)
        reply = self.get_non_kernel_info_reply(timeout=jupyter_kernel_test.TIMEOUT)
        validate_message(reply, "inspect_reply", msg_id)
        return reply["content"]

    def test_inspect_finds_a_method_with_the_cursor_inside_its_name_or_after_its_parenthesis(self):
        for code, pos in [("Math.max", 6), ("Math.max(", None), ("Math.max(1, ", None), ("String", 3),
                          ("Thread.currentThread().getName", None), ("s.length()", 4)]:
            with self.subTest(code=code, cursor_pos=pos):
                if code.startswith("s."):
                    self.flush_channels()
                    self.execute_helper('String s = "text";')
                content = self.inspect(code, pos)
                self.assertTrue(content["found"], content)
                self.assertIn("text/plain", content["data"])

    def test_inspect_of_a_method_shows_its_signature(self):
        content = self.inspect("Math.max")
        self.assertIn("Math.max(int a, int b)", content["data"]["text/plain"])

    def test_inspect_of_nothing_known_is_not_found(self):
        content = self.inspect("noSuchNameAnywhere")
        self.assertFalse(content["found"], content)

    def test_inspect_of_a_magic_shows_its_usage(self):
        content = self.inspect("%dataset mnist --limit 10", 5)
        self.assertTrue(content["found"], content)
        self.assertIn("Usage: %dataset NAME", content["data"]["text/plain"])

    def test_help_on_a_magic_pages_its_usage(self):
        self.flush_channels()
        reply, _ = self.execute_helper("%model?")
        (page,) = reply["content"]["payload"]
        self.assertEqual(page["source"], "page")
        self.assertIn("Usage: %model", page["data"]["text/plain"])

    def test_help_on_an_unknown_name_says_so_and_pages_nothing(self):
        self.flush_channels()
        reply, output = self.execute_helper("noSuchNameAnywhere?")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(reply["content"]["payload"], [])
        self.assertEqual([m["content"]["text"] for m in output], ["Object `noSuchNameAnywhere` not found.\n"])

    def test_history_output_holds_the_result_text(self):
        self.flush_channels()
        self.execute_helper('"out" + "put"')
        reply = self.history_helper([], output=True, raw=True, hist_access_type="tail", n=1)
        self.assertEqual(reply["content"]["history"][0][2], ['"out" + "put"', "output"])

    def test_history_search_n_keeps_the_latest_matches_in_order(self):
        self.flush_channels()
        for i in range(3):
            self.execute_helper(f"int hist{i} = {i};")
        reply = self.history_helper([], output=False, raw=True, hist_access_type="search", pattern="int hist?*", n=2)
        self.assertEqual([h[2] for h in reply["content"]["history"]], ["int hist1 = 1;", "int hist2 = 2;"])

    def test_history_raw_false_gives_the_java_that_ran(self):
        self.flush_channels()
        self.execute_helper("%intriguing")
        reply = self.history_helper([], output=False, raw=False, hist_access_type="tail", n=1)
        self.assertIn("runLineMagic(", reply["content"]["history"][0][2])

    def test_comm_info_reply_is_valid(self):
        self.flush_channels()
        msg_id = self.kc.comm_info()
        reply = self.get_non_kernel_info_reply(timeout=jupyter_kernel_test.TIMEOUT)
        validate_message(reply, "comm_info_reply", msg_id)

    def test_kernel_info_reply_is_ok_and_says_there_is_no_debugger(self):
        self.flush_channels()
        msg_id = self.kc.kernel_info()
        reply = self.kc.get_shell_msg(timeout=jupyter_kernel_test.TIMEOUT)
        validate_message(reply, "kernel_info_reply", msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertIs(reply["content"]["debugger"], False)


class HistoryAcrossRestartsTests(unittest.TestCase):
    """History is kept in a file, so a new kernel sees the cells of the one before, in an earlier session."""

    def start(self):
        km, kc = start_new_kernel(kernel_name=KERNEL_NAME)
        warm_up(kc)
        return km, kc

    @staticmethod
    def stop(km, kc):
        kc.stop_channels()
        km.shutdown_kernel()

    def history(self, kc, **args):
        msg_id = kc.history(**args)
        reply = shell_reply(kc, msg_id, jupyter_kernel_test.TIMEOUT)
        validate_message(reply, "history_reply", msg_id)
        return reply["content"]["history"]

    def test_a_restarted_kernel_answers_with_the_cells_of_the_previous_session(self):
        km, kc = self.start()
        try:
            msg_id = kc.execute('String before = "before the restart";')
            shell_reply(kc, msg_id, jupyter_kernel_test.TIMEOUT)
            drain_iopub(kc, msg_id, jupyter_kernel_test.TIMEOUT)
            (first_session, first_line, _), = self.history(kc, output=False, raw=True, hist_access_type="tail", n=1)
        finally:
            self.stop(km, kc)
        km, kc = self.start()
        try:
            tail = self.history(kc, output=False, raw=True, hist_access_type="tail", n=2)
            self.assertEqual([first_session, first_line, 'String before = "before the restart";'], tail[0])
            self.assertEqual(first_session + 1, tail[1][0], "the new kernel is the next session")
            previous = self.history(kc, output=False, raw=True, hist_access_type="range", session=-1, start=first_line,
                                    stop=first_line + 1)
            self.assertEqual([tail[0]], previous)
        finally:
            self.stop(km, kc)


class ControlRepliesTests(unittest.TestCase):
    """Replies the suite does not ask for, sent on the control channel, validated against the same schema."""

    def test_interrupt_and_shutdown_replies_are_valid(self):
        km, kc = start_new_kernel(kernel_name=KERNEL_NAME)
        try:
            msg = kc.session.msg("interrupt_request", {})
            kc.control_channel.send(msg)
            reply = kc.get_control_msg(timeout=jupyter_kernel_test.TIMEOUT)
            validate_message(reply, "interrupt_reply", msg["header"]["msg_id"])
            msg_id = kc.shutdown()
            reply = kc.get_control_msg(timeout=jupyter_kernel_test.TIMEOUT)
            validate_message(reply, "shutdown_reply", msg_id)
            self.assertIs(reply["content"]["restart"], False)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


class MagicMessagesTests(unittest.TestCase):
    """Every iopub message our magics publish through the real connection is valid v5: displays with several MIME
    types, and progress shown as one display updated in place."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name=KERNEL_NAME)
        warm_up(cls.kc)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel()

    def run_cell(self, code):
        msg_id = self.kc.execute(code)
        reply = shell_reply(self.kc, msg_id, MAGIC_TIMEOUT)
        validate_message(reply, "execute_reply", msg_id)
        messages = drain_iopub(self.kc, msg_id, MAGIC_TIMEOUT)
        self.assertEqual(reply["content"]["status"], "ok", [m["content"] for m in messages])
        return messages

    def test_dataset_magic_publishes_a_valid_display_with_text_html_and_png(self):
        messages = self.run_cell("%dataset mnist --split test --limit 16 --as t")
        displays = [m["content"]["data"] for m in messages if m["msg_type"] == "display_data"]
        self.assertTrue(any({"text/plain", "text/html"} <= d.keys() for d in displays), displays)
        self.assertTrue(any("image/png" in d for d in displays), [list(d) for d in displays])

    def test_progress_of_a_magic_is_one_valid_display_updated_in_place(self):
        self.run_cell("%model train fc10 --as a")
        messages = self.run_cell("%adversarial --model a --images 64 --batch 16 --as adv")
        shown = {m["content"]["transient"]["display_id"] for m in messages
                 if m["msg_type"] == "display_data" and "display_id" in m["content"].get("transient", {})}
        updates = [m for m in messages if m["msg_type"] == "update_display_data"]
        self.assertTrue(updates, [m["msg_type"] for m in messages])
        for u in updates:
            self.assertIn(u["content"]["transient"]["display_id"], shown)
            self.assertIn("text/html", u["content"]["data"])
        self.assertTrue(any(m["msg_type"] == "display_data" and "image/png" in m["content"]["data"] for m in messages))

    def test_help_magic_publishes_valid_messages(self):
        messages = self.run_cell("%intriguing")
        self.assertTrue(any(m["msg_type"] in ("display_data", "execute_result") for m in messages))


if __name__ == "__main__":
    unittest.main()
