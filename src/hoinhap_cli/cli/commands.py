"""The command table: each command's name, where its function lives, and its one-line summary.

The one import seam of the CLI. `hoinhap --help` and shell completion list the commands from
this table alone; a run imports only the module of the command it names (cli.group). Each
summary is the first line of its function's docstring (tests/test_commands.py checks it).
"""

from __future__ import annotations

# name -> ("module:function", summary); the order is the order `hoinhap --help` lists them in
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("hoinhap_cli.cli.check:check",
              "Validate plan.yaml and the report files; print every problem as file:line:column."),
    "export": ("hoinhap_cli.cli.export:export",
               "Print the whole validated plan (decision, programmes, units, reporting regime, tasks) "
               "as JSON or YAML."),
    "tasks": ("hoinhap_cli.cli.tasks:tasks",
              "List tasks by unit, role, programme, deadline and words (filters combine)."),
    "show": ("hoinhap_cli.cli.show:show",
             "Show everything about one task, and its reported progress."),
    "units": ("hoinhap_cli.cli.units:units",
              "List units with how many tasks each leads and supports."),
    "programs": ("hoinhap_cli.cli.programs:programs",
                 "List programmes and sections: tasks, milestones, and a progress bar (done / due / late)."),
    "record": ("hoinhap_cli.cli.record:record",
               "Record progress on a task: one entry appended to reports/<quarter>/<unit>.yaml."),
    "event": ("hoinhap_cli.cli.event:event",
              "Record that an awaited event happened (stored in the standing agency's quarterly report)."),
    "submit": ("hoinhap_cli.cli.submit:submit",
               "Record that a unit sent a report for a period (a quarter's sets submitted: DATE in its file)."),
    "reports": ("hoinhap_cli.cli.reports:reports",
                "List who must report what to whom, and who did: units across periods, per reporting duty."),
    "forms": ("hoinhap_cli.cli.forms:forms",
              "Write the quarter's forms: one .xlsx per reporting unit, to fill in and send back (see collect)."),
    "collect": ("hoinhap_cli.cli.collect:collect",
                "Read returned forms into reports/<quarter>/<unit>.yaml; a form already collected adds nothing."),
    "log": ("hoinhap_cli.cli.log:log",
            "List recorded progress entries, oldest first (by date, then order in the files)."),
    "overdue": ("hoinhap_cli.cli.overdue:overdue",
                "List what is late: task milestones, then the reporting periods with reports not sent."),
    "upcoming": ("hoinhap_cli.cli.upcoming:upcoming",
                 "List what falls due soon: open task milestones due from the as-of date to as-of + within."),
    "summary": ("hoinhap_cli.cli.summary:summary",
                "The periodic review: every task active in the period, its status, what changed, and the reports."),
    "timeline": ("hoinhap_cli.cli.timeline:timeline",
                 "Show the plan as a chart: quarters across, one row per task, each milestone where it falls."),
    "dashboard": ("hoinhap_cli.cli.dashboard:dashboard",
                  "Write one self-contained HTML page: late milestones, progress per programme, the timeline."),
    "diff": ("hoinhap_cli.cli.diff:diff",
             "Show what changed in substance in plan.yaml between two git revisions (or two files)."),
    "schema": ("hoinhap_cli.cli.schema:schema",
               "Print the JSON Schema of plan.yaml or of a report file (generated from the models)."),
    "cache": ("hoinhap_cli.cli.cache:cache_command",
              "Show where the cache is and its size beside the data's (info), or empty it (clear)."),
    "import": ("hoinhap_cli.cli.import_:import_command",
               "Turn a plan document into a draft ledger: DIR/plan.yaml, DIR/reports/, DIR/import-review.md."),
    "init": ("hoinhap_cli.cli.init:init",
             "Create a new ledger in DIR: data/plan.yaml, data/reports/, schema/, README.md, .gitattributes."),
}
