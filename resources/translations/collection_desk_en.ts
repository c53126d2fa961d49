<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AgentLoadModel</name>
    <message>
        <source>On leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promises due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broken promises</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callbacks due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgentsPanel</name>
    <message>
        <source>Agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: reason for the leave (audited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark on leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An agent on leave is given no cases: the rule reassignment moves their cases to the others, and the daily allocation skips them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back from leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is marked on leave.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is back and can be given cases.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalsModel</name>
    <message>
        <source>Borrower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DPD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who may approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be approved now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalsPanel</name>
    <message>
        <source>Plans awaiting approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment for the agent (required to reject; shown on their desk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules it exceeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans awaiting approval (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No plan is waiting for a decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · DPD %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue %1 = principal %2 + interest %3 + penalty %4 + fees %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, proposed by %2 on %3 (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owed after waivers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total to pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of which interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (principal %2, interest %3, penalty %4, fees %5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New principal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It cannot be approved now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Within your authority: you may approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beyond your authority: an administrator must approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beyond your authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a comment for the agent to reject the plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan for %1 is approved; the agent&apos;s desk shows it after its next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan for %1 is rejected; the agent&apos;s desk shows your comment after its next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttentionDialog</name>
    <message>
        <source>Needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused these changes. Nothing is lost: retry a change after fixing the cause, or discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing needs attention.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this change for good? It will not reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditPanel</name>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who (username)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record id (plan, user…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an entry to read all of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BannedNotice</name>
    <message>
        <source>Banned wording: %1. Rephrase it, or press Save again to store the note flagged as a violation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned wording: %1. Rephrase it: saved as it is, the note is flagged as a violation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a quote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a denial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>split by punctuation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sounds alike</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the wording: %1. Not a violation if these are not your own words.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BucketChips</name>
    <message>
        <source>Only the checked buckets (none checked: all)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallBar</name>
    <message>
        <source>End call (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hand-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk controls the softphone (baresip) and sees the call&apos;s state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Numbers are handed to the workstation&apos;s softphone; no call state.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in a call · F5 calls the borrower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In call: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dialling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Talking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call ended: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calling %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>End the current call first (F6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dialing needs the server to fetch the number; it is unreachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the call: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not dial: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many dials in a short time (at most %1 in %2 s). Try again in %3 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dialing paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The softphone did not take the call: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallOutcome</name>
    <message>
        <source>answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call was rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call did not go through (network failure).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[phone: %1]</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseFlagsDialog</name>
    <message>
        <source>Case flags — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not call and cease contact stop every call at once; the change reaches the server with the next sync and is audited there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debtor unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CasePlansModel</name>
    <message>
        <source>Refused by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broken: payment due %1 short by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebooked onto the loan on %1: its lines are the schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseSidePanel</name>
    <message>
        <source>Correct this note…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Script</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact history (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <source>waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>policy overridden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ broke the contact rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>By agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team KPIs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right-party contact rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PTP rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PTP kept rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cure rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbound calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact and promise rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cure and roll rates by bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start of period: snapshot of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no history before the period: cure and roll rates are —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 outbound calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 connected calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 right-party contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 promises due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 cases at start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inbound: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll rate to the next bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PTP kept</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <source>● online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⟳ syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✕ sync error</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n pending</numerusform>
            <numerusform>%n pending</numerusform>
        </translation>
    </message>
    <message>
        <source>synced %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n needs attention</numerusform>
            <numerusform>%n need attention</numerusform>
        </translation>
    </message>
    <message>
        <source>no keyring: password asked at each start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⟳ sending %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⟳ receiving… %1 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callable now ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not callable now ✗</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DialBlockedDialog</name>
    <message>
        <source>Not allowed to call now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next allowed: %1 (borrower&apos;s time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not callable until the block is lifted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why call anyway (audited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As a team lead you may override this block with a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportButton</name>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this table as CSV or Excel (masked; the export is audited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel (XLSX)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is preparing the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 rows to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstSyncDialog</name>
    <message>
        <source>First sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading your cases…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending your changes… %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading your cases… %1 records</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FlowModel</name>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buckets</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Keyboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc or F1 closes this list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide this list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next case in the worklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call the borrower (the contact rules are checked first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the call and go to the wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick an answer in the script; Backspace goes back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the wrap-up (outcome)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Script, plan, notes, contact history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the worklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>DPD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Principal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket %1 · %2 of %3 installments paid · %4 payments received</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiModel</name>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 inbound calls, %2 from the borrower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbound call attempts (inbound calls are counted apart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls to the desk; not part of the contact, RPC or PTP rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact rate: connected calls ÷ outbound call attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right-party contact rate: right-party contacts ÷ connected calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PTP rate: contacts ending in a promise ÷ right-party contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PTP kept rate: kept promises ÷ promises due and judged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cure rate: cases cured ÷ cases open at the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Right party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PTP kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases at start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cure rate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Right party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Third party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused to talk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hung up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partly paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do not call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cease contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hardship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PTP due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PTP broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>spouse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>co-borrower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>guarantor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sibling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>friend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outbound call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbound call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporary hardship</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unemployment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Illness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disputes the amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vehicle problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vehicle sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fraud claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuses to pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto debit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equal installment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Equal principal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promise to pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan proposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Says already paid (verify)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate to team lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the borrower&apos;s identity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm a contact number with the borrower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconcile a payment with the bank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handle a complaint or dispute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal proceedings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other (explain below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rang out, no answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line busy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reached voicemail, no message left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrower confirmed the amount and date of the payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrower explained a temporary hardship; offered an installment plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrower asked to be called back at the agreed time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A third party answered; left no details, asked for a callback.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrower disputes the amount; recorded for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catch-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restructure (term extension)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every two weeks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in your team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewed a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revealed a masked value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reassigned a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reassigned cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent a plan for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreed a plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved a plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected a plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked an agent on leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked an agent back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dialled a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overrode the contact policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dialled despite the contact policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact against the contact policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dial refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dial refused: too many in a short time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passed the daily reveal threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the team&apos;s cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the agents&apos; load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the approval queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported the audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported a plan agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported loans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ran the daily overdue job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revealed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans (any)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts and dials</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Recovered from it: %1 unsent change(s), which will be sent at the next sync, and %2 draft note(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No unsent changes or drafts were found in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local data rebuilt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local data file was damaged. It was kept as %1 and your cases will be downloaded again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the demo portfolio…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in as the demo agent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account has been disabled on the server. The cases and notes kept on this computer have been erased.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 change(s) not yet sent and %2 draft note(s) were erased with them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collection Desk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Lock</name>
    <message>
        <source>The server cannot be reached to check the password. Try again when the network is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <source>The desk is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1. Enter your password to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Collection Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next case (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End call (F6)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys (F1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search name, phone, contract, plate (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the call first (F6).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End of the worklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The borrower has no number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in a call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revealing needs the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local data damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local data file is damaged. Your unsent changes are kept: close and restart the desk to repair it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Many cases leave this desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server would remove %1 cases from your worklist (reassigned or closed). Your unsynced notes are kept either way. Go ahead?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Reassign cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, DPD %3, %4), now with %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cases, %2 overdue, now with %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — on leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: why (kept in the audit log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NotesModel</name>
    <message>
        <source>next: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ flagged wording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected by server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting to sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentChart</name>
    <message>
        <source>Payment behaviour: paid (green), overdue (red), not yet due (grey)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment behaviour</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanFormFields</name>
    <message>
        <source> months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of payments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New term</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First payment on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waive penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waive fees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waive interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanLinesModel</name>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of which interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interest</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanPanel</name>
    <message>
        <source>Owed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due after waivers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total to pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrower saves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export agreement…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans on this case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a case in the worklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans on this case (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue %1 (principal %2, interest %3, penalty %4, fees %5) · principal not yet due %6 over %7 months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Costs more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: fix the fields marked in red.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the case is no longer on this desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the local store could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent for approval — it will be sent with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan offered — it will be sent with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agreement could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not exported: the export could not be recorded for the audit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement written to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfilePanel</name>
    <message>
        <source>Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the case&apos;s flags (do not call, dispute, …)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a case in the worklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Employer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plate / VIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contract</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disbursed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · DPD %2 · </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3 months · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, first due %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>written off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debtor unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>callable from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not callable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2% default risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reveal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PTP broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PTP pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back in collection: %1 plan broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back in collection: %1 plan broken, payment due %2 short by %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QualityPanel</name>
    <message>
        <source>Recording notice missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company name missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debt disclosed before identity check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Debt disclosed to a third party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Banned phrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promise differs from the wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside the contact rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent (username)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment for the agent and the rule owners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disagree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quality queue (worst first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a call to see its transcript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date} · {agent} · {borrower} · score {score}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disagreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{quote}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReassignPanel</name>
    <message>
        <source>By number of cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By overdue amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance each bucket on its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance the team&apos;s cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buckets:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases of agents on leave or disabled, and cases nobody holds, always move; agents on leave receive none. Nothing changes until you apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark on leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: why (kept in the audit log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply these moves</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each agent before and after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who gives cases to whom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a team above to balance its cases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On leave: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No agent of the team is on leave.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rule changed: preview again to see the moves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calculating the moves…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team %1: %2 of %3 cases move (%4 of %5 overdue). Check the table, then apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team %1 is already balanced under this rule: nothing moves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied: %1 case(s) moved. Both agents&apos; desks get them at their next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was applied. Preview again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back from leave</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RejectedOpsModel</name>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promise to pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is no longer yours: this was not made while you held it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case was handed over too long ago: this can no longer be recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The case is no longer yours: a plan is proposed by whoever holds it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReminderBanner</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback due: %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(+%1 more)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReminderCenter</name>
    <message>
        <source>Callback due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <source>Reveal %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revealing personal information is recorded with your reason (PIPL Art. 51). Reveal only what this case needs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— pick a reason —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why, in words (required for &quot;Other&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a reason from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain the reason in the note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the spaces before and after the note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why in words: at least two words or four Chinese characters (not “asdf”, repeated letters or punctuation).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not revealed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RevealsPanel</name>
    <message>
        <source>Reveals of personal information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value (masked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every reveal is recorded with its reason (PIPL Art. 51). An agent who reveals more than %1 values in a day is flagged here and in the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Above the daily threshold of %1 reveals: %2. Ask them why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 today)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveals of personal information (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Above the threshold</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RollModel</name>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Balance at start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rolled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roll rate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScheduleModel</name>
    <message>
        <source>last paid on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Principal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pen./fees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScriptPanel</name>
    <message>
        <source>Language of the script (the borrower&apos;s by default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← Back (Backspace)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a case to see its call script.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 · identity verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1 · not verified: say nothing about the debt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the promised amount and date in the wrap-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the callback time in the wrap-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Build the plan in the Plan tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End of the script: end the call (F6) and save the wrap-up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not shown (banned phrase in the value): %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A link (tel:{number}, sip:{phone_id}@pbx) or a command (/path/dial {number} --record {recording}); {number} is fetched from the server, checked and audited, just before dialing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand-off: a link or command, no call state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>baresip: the desk controls the softphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host:port of baresip&apos;s ctrl_tcp_listen (e.g. 127.0.0.1:4444)</source>
        <translation></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk locks after this long without input and asks for the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>baresip control address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Softphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock when idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The desk switches to the new language at once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShareModel</name>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receives cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No — on leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No — disabled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Wrong username or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account may not use the desk. Ask your team lead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server at %1. Check the address and the network, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server at %1 answered something unexpected. Is this the Collection Desk server address?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in — Collection Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Username</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No secure keyring is available on this computer, so the desk cannot remember your sign-in: it will ask for your password at each start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server address, your username and password.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Softphone</name>
    <message>
        <source>The softphone template is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use only {number}, {phone_id}, {case_id} and {recording}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the host in the template (sip:{number}@pbx.example); it may not come from a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the program in the template (/path/dial {number}); it may not come from a value or start with “-”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A number is digits with an optional leading +, nothing else; ids are letters and digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The softphone could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The softphone template does not parse.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamCasesModel</name>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DPD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamConsole</name>
    <message>
        <source>Team worklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveals</source>
        <translation></translation>
    </message>
    <message>
        <source>Quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All teams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamErrors</name>
    <message>
        <source>The server cannot be reached. The team console needs the server; your own cases keep working offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server no longer accepts your sign-in. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This plan is beyond your authority: an administrator must approve it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This plan was decided meanwhile: it is no longer pending.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plan no longer works on today&apos;s figures: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found: it may have left your team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many rows to export: narrow the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the request: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server failed (%1). Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was moved: %1 case(s) changed holder or closed since you listed them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: you saw %2, now %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lists have been refreshed: check them and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was moved: %1 cannot receive cases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was moved: a case appears twice in the moves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was moved: %1 case(s) are no longer in your team.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No agent of the team can receive cases: all are on leave or disabled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamMode</name>
    <message>
        <source>Team console (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch between your desk and the team console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This case is not on your desk yet: it arrives with the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamWorklistPanel</name>
    <message>
        <source>Search name, phone, contract, plate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open and recovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any promise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promise pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promise broken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promise kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No promise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reassign selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — on leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team cases (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select cases to reassign them (Ctrl/Shift for several)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 case(s) reassigned; both agents&apos; desks get them at their next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome — Collection Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collection Desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server is configured yet. Connect to your company&apos;s server, or try the desk with a generated demo portfolio on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>Callable now under the contact policy</source>
        <extracomment>emitted after every (re)query: the WorklistPage of the first page</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DPD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Care call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>! %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>! %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact policy not evaluated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callable now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not callable now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n change waiting to sync</numerusform>
            <numerusform>%n changes waiting to sync</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorklistPanel</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the checked buckets (none checked: all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worklist (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case matches the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cases yet — they appear after the first sync</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WrapUpForm</name>
    <message>
        <source>Wrap-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— how did it end —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— reason (optional) —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— result (optional) —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>amount, e.g. 1500.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert a quick phrase…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened on the call, what was agreed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save (F9)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correction of the note of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correction of a saved note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call placed: a note or another contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>policy overridden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft not saved — check disk space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved — it will be sent with the next sync</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
