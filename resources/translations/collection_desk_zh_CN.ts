<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentLoadModel</name>
    <message>
        <source>On leave</source>
        <translation>休假中</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>催收员</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <source>Overdue amount</source>
        <translation>逾期金额</translation>
    </message>
    <message>
        <source>Contacts today</source>
        <translation>今日联系</translation>
    </message>
    <message>
        <source>Promises due today</source>
        <translation>今日到期承诺</translation>
    </message>
    <message>
        <source>Broken promises</source>
        <translation>违约承诺</translation>
    </message>
    <message>
        <source>Callbacks due</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>休假</translation>
    </message>
</context>
<context>
    <name>AgentsPanel</name>
    <message>
        <source>Agents</source>
        <translation>催收员</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Optional: reason for the leave (audited)</source>
        <translation>可选：休假原因（记入审计）</translation>
    </message>
    <message>
        <source>Mark on leave</source>
        <translation>设为休假</translation>
    </message>
    <message>
        <source>An agent on leave is given no cases: the rule reassignment moves their cases to the others, and the daily allocation skips them.</source>
        <translation>休假的催收员不再分到案件：按规则重新分配时其案件转给其他人，每日分案也会跳过他。</translation>
    </message>
    <message>
        <source>Agents (%1)</source>
        <translation>催收员 (%1)</translation>
    </message>
    <message>
        <source>Back from leave</source>
        <translation>结束休假</translation>
    </message>
    <message>
        <source>%1 is marked on leave.</source>
        <translation>%1 已设为休假。</translation>
    </message>
    <message>
        <source>%1 is back and can be given cases.</source>
        <translation>%1 已结束休假，可以分到案件。</translation>
    </message>
</context>
<context>
    <name>ApprovalsModel</name>
    <message>
        <source>Borrower</source>
        <translation>借款人</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>账龄</translation>
    </message>
    <message>
        <source>DPD</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总额</translation>
    </message>
    <message>
        <source>Proposed by</source>
        <translation>提交人</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>提交时间</translation>
    </message>
    <message>
        <source>Who may approve</source>
        <translation>审批权限</translation>
    </message>
    <message>
        <source>Cannot be approved now</source>
        <translation>目前无法批准</translation>
    </message>
    <message>
        <source>You</source>
        <translation>您</translation>
    </message>
    <message>
        <source>An administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>ApprovalsPanel</name>
    <message>
        <source>Plans awaiting approval</source>
        <translation>待审批方案</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Comment for the agent (required to reject; shown on their desk)</source>
        <translation>给催收员的意见（驳回时必填，会显示在其工作台）</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Rules it exceeds</source>
        <translation>超出的规则</translation>
    </message>
    <message>
        <source>Plans awaiting approval (%1)</source>
        <translation>待审批方案 (%1)</translation>
    </message>
    <message>
        <source>No plan is waiting for a decision.</source>
        <translation>没有待审批的方案。</translation>
    </message>
    <message>
        <source>%1 · %2 · DPD %3</source>
        <translation>%1 · %2 · 逾期 %3 天</translation>
    </message>
    <message>
        <source>Overdue %1 = principal %2 + interest %3 + penalty %4 + fees %5</source>
        <translation>逾期 %1 = 本金 %2 + 利息 %3 + 罚息 %4 + 费用 %5</translation>
    </message>
    <message>
        <source>%1, proposed by %2 on %3 (%4)</source>
        <translation>%1，由 %2 于 %3 提交（%4）</translation>
    </message>
    <message>
        <source>Owed after waivers</source>
        <translation>减免后应还</translation>
    </message>
    <message>
        <source>Down payment</source>
        <translation>首付</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>期数</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 期，自 %2 起</translation>
    </message>
    <message>
        <source>Total to pay</source>
        <translation>合计应还</translation>
    </message>
    <message>
        <source>of which interest</source>
        <translation>其中利息</translation>
    </message>
    <message>
        <source>Waived</source>
        <translation>减免</translation>
    </message>
    <message>
        <source>%1 (principal %2, interest %3, penalty %4, fees %5)</source>
        <translation>%1（本金 %2，利息 %3，罚息 %4，费用 %5）</translation>
    </message>
    <message>
        <source>New principal</source>
        <translation>新本金</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>展期</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1 个月</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>It cannot be approved now:</source>
        <translation>目前无法批准：</translation>
    </message>
    <message>
        <source>Within your authority: you may approve it.</source>
        <translation>在您的权限内：您可以批准。</translation>
    </message>
    <message>
        <source>Beyond your authority: an administrator must approve it.</source>
        <translation>超出您的权限：需由管理员批准。</translation>
    </message>
    <message>
        <source>Beyond your authority</source>
        <translation>超出您的权限</translation>
    </message>
    <message>
        <source>Write a comment for the agent to reject the plan.</source>
        <translation>驳回方案前请填写给催收员的意见。</translation>
    </message>
    <message>
        <source>The plan for %1 is approved; the agent&apos;s desk shows it after its next sync.</source>
        <translation>%1 的方案已批准；催收员的工作台下次同步后显示。</translation>
    </message>
    <message>
        <source>The plan for %1 is rejected; the agent&apos;s desk shows your comment after its next sync.</source>
        <translation>%1 的方案已驳回；催收员的工作台下次同步后显示您的意见。</translation>
    </message>
</context>
<context>
    <name>AttentionDialog</name>
    <message>
        <source>Needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <source>The server refused these changes. Nothing is lost: retry a change after fixing the cause, or discard it.</source>
        <translation>服务器拒绝了以下更改。数据没有丢失：排除原因后可重试，或将其舍弃。</translation>
    </message>
    <message>
        <source>Nothing needs attention.</source>
        <translation>没有需要处理的更改。</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>舍弃…</translation>
    </message>
    <message>
        <source>Discard change</source>
        <translation>舍弃更改</translation>
    </message>
    <message>
        <source>Discard this change for good? It will not reach the server.</source>
        <translation>确定永久舍弃此更改？它将不会发送到服务器。</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>AuditPanel</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Who (username)</source>
        <translation>操作人（用户名）</translation>
    </message>
    <message>
        <source>Case id</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Record id (plan, user…)</source>
        <translation>对象编号（方案、用户…）</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Between…</source>
        <translation>指定日期…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Select an entry to read all of it.</source>
        <translation>选择一条记录查看全部内容。</translation>
    </message>
    <message>
        <source>Audit log (%1)</source>
        <translation>审计日志 (%1)</translation>
    </message>
</context>
<context>
    <name>BannedNotice</name>
    <message>
        <source>Banned wording: %1. Rephrase it, or press Save again to store the note flagged as a violation.</source>
        <translation>违规用语：%1。请修改措辞，或再次点击保存，该备注将被标记为违规。</translation>
    </message>
    <message>
        <source>Banned wording: %1. Rephrase it: saved as it is, the note is flagged as a violation.</source>
        <translation>违规用语：%1。请修改措辞；按原文保存，该备注将被标记为违规。</translation>
    </message>
    <message>
        <source>a quote</source>
        <translation>引述</translation>
    </message>
    <message>
        <source>a denial</source>
        <translation>否定</translation>
    </message>
    <message>
        <source>split by punctuation</source>
        <translation>被标点隔开</translation>
    </message>
    <message>
        <source>sounds alike</source>
        <translation>读音相近</translation>
    </message>
    <message>
        <source>Check the wording: %1. Not a violation if these are not your own words.</source>
        <translation>请核对措辞：%1。如非您本人所说，不算违规。</translation>
    </message>
</context>
<context>
    <name>BucketChips</name>
    <message>
        <source>Only the checked buckets (none checked: all)</source>
        <translation>只看选中的账龄（都不选：全部）</translation>
    </message>
</context>
<context>
    <name>CallBar</name>
    <message>
        <source>End call (F6)</source>
        <translation>挂断 (F6)</translation>
    </message>
    <message>
        <source>hand-off</source>
        <translation>转交</translation>
    </message>
    <message>
        <source>The desk controls the softphone (baresip) and sees the call&apos;s state.</source>
        <translation>工作台控制软电话（baresip），可以看到通话状态。</translation>
    </message>
    <message>
        <source>Numbers are handed to the workstation&apos;s softphone; no call state.</source>
        <translation>号码转交给本机软电话，没有通话状态。</translation>
    </message>
    <message>
        <source>Not in a call · F5 calls the borrower</source>
        <translation>未在通话 · 按 F5 拨打借款人</translation>
    </message>
    <message>
        <source>In call: %1</source>
        <translation>通话中：%1</translation>
    </message>
    <message>
        <source>Dialling…</source>
        <translation>正在拨号…</translation>
    </message>
    <message>
        <source>Ringing…</source>
        <translation>振铃中…</translation>
    </message>
    <message>
        <source>Talking</source>
        <translation>通话中</translation>
    </message>
    <message>
        <source>Call ended: %1</source>
        <translation>通话结束：%1</translation>
    </message>
    <message>
        <source>Calling %1</source>
        <translation>正在呼叫 %1</translation>
    </message>
</context>
<context>
    <name>CallController</name>
    <message>
        <source>End the current call first (F6).</source>
        <translation>请先结束当前通话 (F6)。</translation>
    </message>
    <message>
        <source>Dialing needs the server to fetch the number; it is unreachable.</source>
        <translation>拨号需要从服务器获取号码，当前无法连接服务器。</translation>
    </message>
    <message>
        <source>The server refused the call: %1</source>
        <translation>服务器拒绝了本次拨号：%1</translation>
    </message>
    <message>
        <source>Could not dial: %1</source>
        <translation>无法拨号：%1</translation>
    </message>
    <message>
        <source>Too many dials in a short time (at most %1 in %2 s). Try again in %3 s.</source>
        <translation>拨号过于频繁（%2 秒内最多 %1 次）。请 %3 秒后再试。</translation>
    </message>
    <message>
        <source>Dialing paused</source>
        <translation>暂停拨号</translation>
    </message>
    <message>
        <source>The softphone did not take the call: %1</source>
        <translation>软电话未能接收拨号：%1</translation>
    </message>
</context>
<context>
    <name>CallOutcome</name>
    <message>
        <source>answered</source>
        <translation>已接通</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>占线</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>被拒接</translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation>空号</translation>
    </message>
    <message>
        <source>network failure</source>
        <translation>网络故障</translation>
    </message>
    <message>
        <source>The call was rejected.</source>
        <translation>对方拒接。</translation>
    </message>
    <message>
        <source>The number does not exist.</source>
        <translation>号码不存在（空号）。</translation>
    </message>
    <message>
        <source>The call did not go through (network failure).</source>
        <translation>呼叫未能接通（网络故障）。</translation>
    </message>
    <message>
        <source>[phone: %1]</source>
        <translation>（电话：%1）</translation>
    </message>
</context>
<context>
    <name>CaseFlagsDialog</name>
    <message>
        <source>Case flags — %1</source>
        <translation>案件标记 — %1</translation>
    </message>
    <message>
        <source>Do not call and cease contact stop every call at once; the change reaches the server with the next sync and is audited there.</source>
        <translation>“禁止拨打”和“停止联系”立即禁止所有拨打；更改在下次同步时提交服务器，并记入审计日志。</translation>
    </message>
    <message>
        <source>Debtor unreachable</source>
        <translation>债务人失联</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CasePlansModel</name>
    <message>
        <source>Refused by the server</source>
        <translation>服务器已拒绝</translation>
    </message>
    <message>
        <source>%1 · waiting to sync</source>
        <translation>%1 · 等待同步</translation>
    </message>
    <message>
        <source>Broken: payment due %1 short by %2</source>
        <translation>已违约：%1 到期的还款差 %2</translation>
    </message>
    <message>
        <source>Rebooked onto the loan on %1: its lines are the schedule</source>
        <translation>已于 %1 重新入账：方案各期即为贷款还款计划</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>自 %1 起</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总额</translation>
    </message>
    <message>
        <source>First payment</source>
        <translation>首次还款</translation>
    </message>
    <message>
        <source>By</source>
        <translation>制定人</translation>
    </message>
</context>
<context>
    <name>CaseSidePanel</name>
    <message>
        <source>Correct this note…</source>
        <translation>更正此备注…</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>还款计划</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Contact history</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <source>Notes (%1)</source>
        <translation>备注 (%1)</translation>
    </message>
    <message>
        <source>Contact history (%1)</source>
        <translation>联系记录 (%1)</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <source>waiting to sync</source>
        <translation>等待同步</translation>
    </message>
    <message>
        <source>policy overridden</source>
        <translation>已由组长越权拨打</translation>
    </message>
    <message>
        <source>⚠ broke the contact rules</source>
        <translation>⚠ 违反联系规则</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系记录</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message>
        <source>By agent</source>
        <translation>按催收员</translation>
    </message>
    <message>
        <source>By bucket</source>
        <translation>按账龄</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Team KPIs</source>
        <translation>团队指标</translation>
    </message>
    <message>
        <source>Contact rate</source>
        <translation>接通率</translation>
    </message>
    <message>
        <source>Right-party contact rate</source>
        <translation>本人联系率</translation>
    </message>
    <message>
        <source>PTP rate</source>
        <translation>承诺率</translation>
    </message>
    <message>
        <source>PTP kept rate</source>
        <translation>承诺兑现率</translation>
    </message>
    <message>
        <source>Amount collected</source>
        <translation>回收金额</translation>
    </message>
    <message>
        <source>Cure rate</source>
        <translation>出催率</translation>
    </message>
    <message>
        <source>Outbound calls</source>
        <translation>外呼次数</translation>
    </message>
    <message>
        <source>Contact and promise rates</source>
        <translation>联系与承诺比率</translation>
    </message>
    <message>
        <source>Cure and roll rates by bucket</source>
        <translation>各账龄出催率与迁徙率</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>start of period: snapshot of %1</source>
        <translation>期初：%1 的快照</translation>
    </message>
    <message>
        <source>no history before the period: cure and roll rates are —</source>
        <translation>期初前无历史数据：出催率与迁徙率为 —</translation>
    </message>
    <message>
        <source>%1 of %2 outbound calls</source>
        <translation>外呼 %2 次，接通 %1 次</translation>
    </message>
    <message>
        <source>%1 of %2 connected calls</source>
        <translation>接通 %2 次，本人 %1 次</translation>
    </message>
    <message>
        <source>%1 of %2 right-party contacts</source>
        <translation>本人接通 %2 次，承诺 %1 次</translation>
    </message>
    <message>
        <source>%1 of %2 promises due</source>
        <translation>到期 %2 笔，兑现 %1 笔</translation>
    </message>
    <message>
        <source>%1 of %2 cases at start</source>
        <translation>期初 %2 件，出催 %1 件</translation>
    </message>
    <message>
        <source>inbound: %1</source>
        <translation>呼入：%1 次</translation>
    </message>
    <message>
        <source>Roll rate to the next bucket</source>
        <translation>迁徙到下一账龄</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>接通</translation>
    </message>
    <message>
        <source>Right party</source>
        <translation>本人</translation>
    </message>
    <message>
        <source>PTP</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>PTP kept</source>
        <translation>承诺兑现</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <source>● online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <source>○ offline</source>
        <translation>○ 离线</translation>
    </message>
    <message>
        <source>⟳ syncing…</source>
        <translation>⟳ 同步中…</translation>
    </message>
    <message>
        <source>✕ sync error</source>
        <translation>✕ 同步出错</translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation>
            <numerusform>%n 条待同步</numerusform>
        </translation>
    </message>
    <message>
        <source>synced %1</source>
        <translation>已同步 %1</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>尚未同步</translation>
    </message>
    <message numerus="yes">
        <source>%n need(s) attention</source>
        <translation>
            <numerusform>%n 条需要处理</numerusform>
        </translation>
    </message>
    <message>
        <source>no keyring: password asked at each start</source>
        <translation>无系统钥匙串：每次启动需输入密码</translation>
    </message>
    <message>
        <source>⟳ sending %1 of %2…</source>
        <translation>⟳ 正在上传 %1 / %2…</translation>
    </message>
    <message>
        <source>⟳ receiving… %1 records</source>
        <translation>⟳ 正在接收… 已收 %1 条</translation>
    </message>
    <message>
        <source>callable now ✓</source>
        <translation>当前可拨打 ✓</translation>
    </message>
    <message>
        <source>not callable now ✗</source>
        <translation>当前不可拨打 ✗</translation>
    </message>
</context>
<context>
    <name>DialBlockedDialog</name>
    <message>
        <source>Not allowed to call now</source>
        <translation>当前不允许拨打</translation>
    </message>
    <message>
        <source>Next allowed: %1 (borrower&apos;s time)</source>
        <translation>下次可拨打：%1（借款人当地时间）</translation>
    </message>
    <message>
        <source>Not callable until the block is lifted.</source>
        <translation>解除限制前不可拨打。</translation>
    </message>
    <message>
        <source>Why call anyway (audited)</source>
        <translation>仍要拨打的原因（将记入审计）</translation>
    </message>
    <message>
        <source>Call anyway</source>
        <translation>仍然拨打</translation>
    </message>
    <message>
        <source>As a team lead you may override this block with a reason.</source>
        <translation>作为组长，您可以填写原因后越权拨打。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ExportButton</name>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save this table as CSV or Excel (masked; the export is audited)</source>
        <translation>将此表保存为 CSV 或 Excel（已脱敏；导出会记入审计）</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Excel (XLSX)…</source>
        <translation>Excel (XLSX)…</translation>
    </message>
    <message>
        <source>Export to CSV</source>
        <translation>导出为 CSV</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出为 Excel</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>The server is preparing the file…</source>
        <translation>服务器正在生成文件…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Downloading %1 of %2</source>
        <translation>正在下载 %1 / %2</translation>
    </message>
    <message>
        <source>Downloading %1</source>
        <translation>正在下载 %1</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>FirstSyncDialog</name>
    <message>
        <source>First sync</source>
        <translation>首次同步</translation>
    </message>
    <message>
        <source>Downloading your cases…</source>
        <translation>正在下载您的案件…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Sending your changes… %1</source>
        <translation>正在上传您的更改… %1</translation>
    </message>
    <message>
        <source>Downloading your cases… %1 records</source>
        <translation>正在下载您的案件… 已 %1 条</translation>
    </message>
</context>
<context>
    <name>FlowModel</name>
    <message>
        <source>From</source>
        <translation>转出</translation>
    </message>
    <message>
        <source>To</source>
        <translation>转入</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <source>Overdue amount</source>
        <translation>逾期金额</translation>
    </message>
    <message>
        <source>Buckets</source>
        <translation>账龄</translation>
    </message>
</context>
<context>
    <name>HelpOverlay</name>
    <message>
        <source>Keyboard</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Esc or F1 closes this list</source>
        <translation>按 Esc 或 F1 关闭</translation>
    </message>
    <message>
        <source>Show or hide this list</source>
        <translation>显示或隐藏本列表</translation>
    </message>
    <message>
        <source>Next case in the worklist</source>
        <translation>工作列表中的下一案件</translation>
    </message>
    <message>
        <source>Call the borrower (the contact rules are checked first)</source>
        <translation>拨打借款人（先检查联系规则）</translation>
    </message>
    <message>
        <source>End the call and go to the wrap-up</source>
        <translation>结束通话并转到通话小结</translation>
    </message>
    <message>
        <source>Pick an answer in the script; Backspace goes back</source>
        <translation>选择话术中的回答；退格键返回上一步</translation>
    </message>
    <message>
        <source>Go to the wrap-up (outcome)</source>
        <translation>转到通话小结（联系结果）</translation>
    </message>
    <message>
        <source>Save the wrap-up</source>
        <translation>保存通话小结</translation>
    </message>
    <message>
        <source>Script, plan, notes, contact history</source>
        <translation>话术、还款计划、备注、联系记录</translation>
    </message>
    <message>
        <source>Search the worklist</source>
        <translation>搜索工作列表</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>DPD</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>本金</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>利息</translation>
    </message>
    <message>
        <source>Penalty</source>
        <translation>罚息</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>Overdue total</source>
        <translation>逾期合计</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>还款计划</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>还款记录</translation>
    </message>
    <message>
        <source>Bucket %1 · %2 of %3 installments paid · %4 payments received</source>
        <translation>账龄 %1 · 已还 %2/%3 期 · 收到还款 %4 笔</translation>
    </message>
</context>
<context>
    <name>KpiModel</name>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>%1 inbound calls, %2 from the borrower</source>
        <translation>呼入 %1 次，其中本人 %2 次</translation>
    </message>
    <message>
        <source>Outbound call attempts (inbound calls are counted apart)</source>
        <translation>外呼拨打次数（呼入电话单独统计）</translation>
    </message>
    <message>
        <source>Calls to the desk; not part of the contact, RPC or PTP rates</source>
        <translation>客户或他人打入的电话；不计入接通率、本人接通率和承诺率</translation>
    </message>
    <message>
        <source>Contact rate: connected calls ÷ outbound call attempts</source>
        <translation>接通率：接通次数 ÷ 外呼拨打次数</translation>
    </message>
    <message>
        <source>Right-party contact rate: right-party contacts ÷ connected calls</source>
        <translation>本人接通率：本人接通次数 ÷ 接通次数</translation>
    </message>
    <message>
        <source>PTP rate: contacts ending in a promise ÷ right-party contacts</source>
        <translation>承诺率：达成承诺的本人接通 ÷ 本人接通次数</translation>
    </message>
    <message>
        <source>PTP kept rate: kept promises ÷ promises due and judged</source>
        <translation>承诺兑现率：已兑现承诺 ÷ 到期并已判定的承诺</translation>
    </message>
    <message>
        <source>Cure rate: cases cured ÷ cases open at the start</source>
        <translation>出催率：出催案件 ÷ 期初在催案件</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>分子 %1，分母 %2</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>外呼</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>呼入</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>接通率</translation>
    </message>
    <message>
        <source>Right party</source>
        <translation>本人联系率</translation>
    </message>
    <message>
        <source>PTP</source>
        <translation>承诺率</translation>
    </message>
    <message>
        <source>PTP kept</source>
        <translation>兑现率</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>回收金额</translation>
    </message>
    <message>
        <source>Cases at start</source>
        <translation>期初案件</translation>
    </message>
    <message>
        <source>Cured</source>
        <translation>出催</translation>
    </message>
    <message>
        <source>Cure rate</source>
        <translation>出催率</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Right party</source>
        <translation>本人</translation>
    </message>
    <message>
        <source>Third party</source>
        <translation>第三方</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>占线</translation>
    </message>
    <message>
        <source>Voicemail</source>
        <translation>语音信箱</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>号码错误</translation>
    </message>
    <message>
        <source>Number invalid</source>
        <translation>空号/停机</translation>
    </message>
    <message>
        <source>Refused to talk</source>
        <translation>拒绝沟通</translation>
    </message>
    <message>
        <source>Hung up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已还</translation>
    </message>
    <message>
        <source>Partly paid</source>
        <translation>部分还款</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>本期应还</translation>
    </message>
    <message>
        <source>Do not call</source>
        <translation>禁止拨打</translation>
    </message>
    <message>
        <source>Cease contact</source>
        <translation>停止联系</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>争议</translation>
    </message>
    <message>
        <source>Hardship</source>
        <translation>困难</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Legal hold</source>
        <translation>法律冻结</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>PTP due</source>
        <translation>承诺到期</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>PTP broken</source>
        <translation>承诺违约</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借款人</translation>
    </message>
    <message>
        <source>Related party</source>
        <translation>关联人</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>紧急联系人</translation>
    </message>
    <message>
        <source>spouse</source>
        <translation>配偶</translation>
    </message>
    <message>
        <source>co-borrower</source>
        <translation>共同借款人</translation>
    </message>
    <message>
        <source>guarantor</source>
        <translation>担保人</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>父母</translation>
    </message>
    <message>
        <source>sibling</source>
        <translation>兄弟姐妹</translation>
    </message>
    <message>
        <source>child</source>
        <translation>子女</translation>
    </message>
    <message>
        <source>friend</source>
        <translation>朋友</translation>
    </message>
    <message>
        <source>colleague</source>
        <translation>同事</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Outbound call</source>
        <translation>外呼</translation>
    </message>
    <message>
        <source>Inbound call</source>
        <translation>来电</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>信函</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>上门</translation>
    </message>
    <message>
        <source>Temporary hardship</source>
        <translation>暂时困难</translation>
    </message>
    <message>
        <source>Unemployment</source>
        <translation>失业</translation>
    </message>
    <message>
        <source>Illness</source>
        <translation>疾病</translation>
    </message>
    <message>
        <source>Forgot</source>
        <translation>忘记还款</translation>
    </message>
    <message>
        <source>Disputes the amount</source>
        <translation>对金额有异议</translation>
    </message>
    <message>
        <source>Vehicle problem</source>
        <translation>车辆问题/事故</translation>
    </message>
    <message>
        <source>Vehicle sold</source>
        <translation>车辆已出售</translation>
    </message>
    <message>
        <source>Fraud claim</source>
        <translation>声称被欺诈</translation>
    </message>
    <message>
        <source>Refuses to pay</source>
        <translation>拒绝还款</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <source>Auto debit</source>
        <translation>自动扣款</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>线上支付</translation>
    </message>
    <message>
        <source>Equal installment</source>
        <translation>等额本息</translation>
    </message>
    <message>
        <source>Equal principal</source>
        <translation>等额本金</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>已履约</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>已违约</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>在催</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Recovery</source>
        <translation>回收</translation>
    </message>
    <message>
        <source>Promise to pay</source>
        <translation>承诺还款</translation>
    </message>
    <message>
        <source>Plan proposed</source>
        <translation>提出还款计划</translation>
    </message>
    <message>
        <source>Says already paid (verify)</source>
        <translation>称已还款（待核实）</translation>
    </message>
    <message>
        <source>Callback scheduled</source>
        <translation>约定回拨</translation>
    </message>
    <message>
        <source>Escalate to team lead</source>
        <translation>上报组长</translation>
    </message>
    <message>
        <source>No result</source>
        <translation>无结果</translation>
    </message>
    <message>
        <source>Verify the borrower&apos;s identity</source>
        <translation>核实借款人身份</translation>
    </message>
    <message>
        <source>Confirm a contact number with the borrower</source>
        <translation>与借款人核对联系号码</translation>
    </message>
    <message>
        <source>Reconcile a payment with the bank</source>
        <translation>与银行核对还款</translation>
    </message>
    <message>
        <source>Handle a complaint or dispute</source>
        <translation>处理投诉或异议</translation>
    </message>
    <message>
        <source>Legal proceedings</source>
        <translation>法律程序</translation>
    </message>
    <message>
        <source>Other (explain below)</source>
        <translation>其他（请在下方说明）</translation>
    </message>
    <message>
        <source>Rang out, no answer.</source>
        <translation>响铃无人接听。</translation>
    </message>
    <message>
        <source>Line busy.</source>
        <translation>线路忙。</translation>
    </message>
    <message>
        <source>Reached voicemail, no message left.</source>
        <translation>转入语音信箱，未留言。</translation>
    </message>
    <message>
        <source>Borrower confirmed the amount and date of the payment.</source>
        <translation>借款人确认了还款金额和日期。</translation>
    </message>
    <message>
        <source>Borrower explained a temporary hardship; offered an installment plan.</source>
        <translation>借款人说明暂时困难，已告知可申请分期方案。</translation>
    </message>
    <message>
        <source>Borrower asked to be called back at the agreed time.</source>
        <translation>借款人要求在约定时间回电。</translation>
    </message>
    <message>
        <source>A third party answered; left no details, asked for a callback.</source>
        <translation>第三方接听，未透露任何信息，请其转告回电。</translation>
    </message>
    <message>
        <source>Borrower disputes the amount; recorded for review.</source>
        <translation>借款人对金额有异议，已记录待核实。</translation>
    </message>
    <message>
        <source>Catch-up</source>
        <translation>分期补缴</translation>
    </message>
    <message>
        <source>Restructure (term extension)</source>
        <translation>展期重组</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>一次性结清</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Pending approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>执行中</translation>
    </message>
    <message>
        <source>Monthly</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>Every two weeks</source>
        <translation>每两周</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>not in your team</source>
        <translation>不在您的团队</translation>
    </message>
    <message>
        <source>unknown agent</source>
        <translation>未知催收员</translation>
    </message>
    <message>
        <source>not an agent</source>
        <translation>不是催收员</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>on leave</source>
        <translation>休假中</translation>
    </message>
    <message>
        <source>Viewed a case</source>
        <translation>查看案件</translation>
    </message>
    <message>
        <source>Revealed a masked value</source>
        <translation>查看脱敏信息</translation>
    </message>
    <message>
        <source>Changed a case</source>
        <translation>修改案件</translation>
    </message>
    <message>
        <source>Reassigned a case</source>
        <translation>重新分配案件</translation>
    </message>
    <message>
        <source>Reassigned cases</source>
        <translation>批量重新分配</translation>
    </message>
    <message>
        <source>Sent a plan for approval</source>
        <translation>提交方案待审批</translation>
    </message>
    <message>
        <source>Agreed a plan</source>
        <translation>达成方案</translation>
    </message>
    <message>
        <source>Approved a plan</source>
        <translation>批准方案</translation>
    </message>
    <message>
        <source>Rejected a plan</source>
        <translation>驳回方案</translation>
    </message>
    <message>
        <source>Marked an agent on leave</source>
        <translation>设置催收员休假</translation>
    </message>
    <message>
        <source>Marked an agent back</source>
        <translation>催收员结束休假</translation>
    </message>
    <message>
        <source>Dialled a number</source>
        <translation>拨打电话</translation>
    </message>
    <message>
        <source>Overrode the contact policy</source>
        <translation>越过联系规范</translation>
    </message>
    <message>
        <source>Dialled despite the contact policy</source>
        <translation>越过联系规范拨打</translation>
    </message>
    <message>
        <source>Contact against the contact policy</source>
        <translation>违反联系规范的联系</translation>
    </message>
    <message>
        <source>Dial refused</source>
        <translation>拨号被拒绝</translation>
    </message>
    <message>
        <source>Dial refused: too many in a short time</source>
        <translation>拨号被拒绝：短时间内次数过多</translation>
    </message>
    <message>
        <source>Passed the daily reveal threshold</source>
        <translation>超过每日查看明文上限</translation>
    </message>
    <message>
        <source>Exported the team&apos;s cases</source>
        <translation>导出团队案件</translation>
    </message>
    <message>
        <source>Exported the agents&apos; load</source>
        <translation>导出催收员负荷</translation>
    </message>
    <message>
        <source>Exported the approval queue</source>
        <translation>导出审批队列</translation>
    </message>
    <message>
        <source>Exported the dashboard</source>
        <translation>导出指标看板</translation>
    </message>
    <message>
        <source>Exported the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>Exported a plan agreement</source>
        <translation>导出了还款计划协议</translation>
    </message>
    <message>
        <source>Imported loans</source>
        <translation>导入贷款</translation>
    </message>
    <message>
        <source>Imported payments</source>
        <translation>导入还款</translation>
    </message>
    <message>
        <source>Ran the daily overdue job</source>
        <translation>运行每日逾期批处理</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡号</translation>
    </message>
    <message>
        <source>Every action</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Viewed</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Revealed</source>
        <translation>查看脱敏信息</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Reassigned</source>
        <translation>重新分配</translation>
    </message>
    <message>
        <source>Plans (any)</source>
        <translation>方案（全部）</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>休假</translation>
    </message>
    <message>
        <source>Contacts and dials</source>
        <translation>联系与拨号</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>Recovered from it: %1 unsent change(s), which will be sent at the next sync, and %2 draft note(s).</source>
        <translation>已从中找回：%1 条未发送的更改（将在下次同步时发送）和 %2 份草稿。</translation>
    </message>
    <message>
        <source>No unsent changes or drafts were found in it.</source>
        <translation>其中没有找到未发送的更改或草稿。</translation>
    </message>
    <message>
        <source>Local data rebuilt</source>
        <translation>本地数据已重建</translation>
    </message>
    <message>
        <source>The local data file was damaged. It was kept as %1 and your cases will be downloaded again.</source>
        <translation>本地数据文件已损坏，已保留为 %1，您的案件将重新下载。</translation>
    </message>
    <message>
        <source>Preparing the demo portfolio…</source>
        <translation>正在准备演示数据…</translation>
    </message>
    <message>
        <source>Signing in as the demo agent…</source>
        <translation>正在以演示催收员身份登录…</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>The demo could not start: %1</source>
        <translation>演示无法启动：%1</translation>
    </message>
    <message>
        <source>Local data</source>
        <translation>本地数据</translation>
    </message>
    <message>
        <source>This account has been disabled on the server. The cases and notes kept on this computer have been erased.</source>
        <translation>该账号已在服务器上停用。本机保存的案件和备注已被清除。</translation>
    </message>
    <message>
        <source>%1 change(s) not yet sent and %2 draft note(s) were erased with them.</source>
        <translation>尚未发送的 %1 条更改和 %2 份备注草稿也已一并清除。</translation>
    </message>
    <message>
        <source>Account disabled</source>
        <translation>账号已停用</translation>
    </message>
    <message>
        <source>Signing out…</source>
        <translation>正在退出登录…</translation>
    </message>
    <message>
        <source>Collection Desk</source>
        <translation>催收工作台</translation>
    </message>
</context>
<context>
    <name>Lock</name>
    <message>
        <source>The server cannot be reached to check the password. Try again when the network is back.</source>
        <translation>无法连接服务器验证密码。请在网络恢复后重试。</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>密码错误。</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <source>The desk is locked</source>
        <translation>工作台已锁定</translation>
    </message>
    <message>
        <source>Signed in as %1. Enter your password to continue.</source>
        <translation>当前登录：%1。请输入密码以继续。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Collection Desk</source>
        <translation>催收工作台</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Next case (F2)</source>
        <translation>下一案件 (F2)</translation>
    </message>
    <message>
        <source>Call (F5)</source>
        <translation>拨打 (F5)</translation>
    </message>
    <message>
        <source>End call (F6)</source>
        <translation>挂断 (F6)</translation>
    </message>
    <message>
        <source>Keys (F1)</source>
        <translation>快捷键 (F1)</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Search name, phone, contract, plate (Ctrl+F)</source>
        <translation>搜索姓名、电话、合同号、车牌 (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>工作台(&amp;D)</translation>
    </message>
    <message>
        <source>Needs attention…</source>
        <translation>需要处理…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>End the call first (F6).</source>
        <translation>请先结束通话 (F6)。</translation>
    </message>
    <message>
        <source>End of the worklist</source>
        <translation>已到工作列表末尾</translation>
    </message>
    <message>
        <source>The borrower has no number.</source>
        <translation>借款人没有登记号码。</translation>
    </message>
    <message>
        <source>Not in a call.</source>
        <translation>当前未在通话。</translation>
    </message>
    <message>
        <source>Revealing needs the server.</source>
        <translation>查看明文需要连接服务器。</translation>
    </message>
    <message>
        <source>Local data damaged</source>
        <translation>本地数据已损坏</translation>
    </message>
    <message>
        <source>The local data file is damaged. Your unsent changes are kept: close and restart the desk to repair it.</source>
        <translation>本地数据文件已损坏。未发送的更改都已保留：请关闭并重新启动工作台进行修复。</translation>
    </message>
    <message>
        <source>Many cases leave this desk</source>
        <translation>大量案件将被移出</translation>
    </message>
    <message>
        <source>The server would remove %1 cases from your worklist (reassigned or closed). Your unsynced notes are kept either way. Go ahead?</source>
        <translation>服务器将从您的工作列表中移除 %1 个案件（已转派或已结案）。无论如何，您未同步的备注都会保留。是否继续？</translation>
    </message>
    <message>
        <source>Flags not saved</source>
        <translation>标记未保存</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Reassign cases</source>
        <translation>重新分配案件</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <source>%1 (%2, DPD %3, %4), now with %5</source>
        <translation>%1（%2，逾期 %3 天，%4），现由 %5 负责</translation>
    </message>
    <message>
        <source>%1 cases, %2 overdue, now with %3</source>
        <translation>%1 个案件，逾期 %2，现由 %3 负责</translation>
    </message>
    <message>
        <source>%1 — on leave</source>
        <translation>%1 — 休假中</translation>
    </message>
    <message>
        <source>Optional: why (kept in the audit log)</source>
        <translation>可选：原因（记入审计日志）</translation>
    </message>
    <message>
        <source>Cases:</source>
        <translation>案件：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>分配给：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>重新分配</translation>
    </message>
</context>
<context>
    <name>NotesModel</name>
    <message>
        <source>next: %1</source>
        <translation>下次：%1</translation>
    </message>
    <message>
        <source>correction</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>⚠ flagged wording</source>
        <translation>⚠ 含违规用语</translation>
    </message>
    <message>
        <source>rejected by server</source>
        <translation>被服务器拒绝</translation>
    </message>
    <message>
        <source>waiting to sync</source>
        <translation>等待同步</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PaymentChart</name>
    <message>
        <source>Payment behaviour: paid (green), overdue (red), not yet due (grey)</source>
        <translation>还款表现：已还（绿）、逾期（红）、未到期（灰）</translation>
    </message>
    <message>
        <source>Payment behaviour</source>
        <translation>还款表现</translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>流水号</translation>
    </message>
</context>
<context>
    <name>PlanFormFields</name>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Plan type</source>
        <translation>方案类型</translation>
    </message>
    <message>
        <source>Down payment</source>
        <translation>首付</translation>
    </message>
    <message>
        <source>Number of payments</source>
        <translation>还款期数</translation>
    </message>
    <message>
        <source>New term</source>
        <translation>新期限</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>还款频率</translation>
    </message>
    <message>
        <source>First payment on</source>
        <translation>首次还款日</translation>
    </message>
    <message>
        <source>Waive penalty</source>
        <translation>减免罚息</translation>
    </message>
    <message>
        <source>Waive fees</source>
        <translation>减免费用</translation>
    </message>
    <message>
        <source>Waive interest</source>
        <translation>减免利息</translation>
    </message>
    <message>
        <source>up to %1</source>
        <translation>最多 %1</translation>
    </message>
</context>
<context>
    <name>PlanLinesModel</name>
    <message>
        <source>Down</source>
        <translation>首付</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>应还日</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>of which interest</source>
        <translation>其中利息</translation>
    </message>
    <message>
        <source>#</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>利息</translation>
    </message>
</context>
<context>
    <name>PlanPanel</name>
    <message>
        <source>Owed</source>
        <translation>应还(减免前)</translation>
    </message>
    <message>
        <source>Waived</source>
        <translation>减免</translation>
    </message>
    <message>
        <source>Due after waivers</source>
        <translation>减免后应还</translation>
    </message>
    <message>
        <source>New interest</source>
        <translation>新增利息</translation>
    </message>
    <message>
        <source>Total to pay</source>
        <translation>还款总额</translation>
    </message>
    <message>
        <source>Borrower saves</source>
        <translation>借款人节省</translation>
    </message>
    <message>
        <source>Offer plan</source>
        <translation>提交方案</translation>
    </message>
    <message>
        <source>Export agreement…</source>
        <translation>导出协议…</translation>
    </message>
    <message>
        <source>New schedule</source>
        <translation>新还款计划</translation>
    </message>
    <message>
        <source>Plans on this case</source>
        <translation>本案方案</translation>
    </message>
    <message>
        <source>Select a case in the worklist</source>
        <translation>请在工作列表中选择一个案件</translation>
    </message>
    <message>
        <source>Plans on this case (%1)</source>
        <translation>本案方案(%1)</translation>
    </message>
    <message>
        <source>Overdue %1 (principal %2, interest %3, penalty %4, fees %5) · principal not yet due %6 over %7 months</source>
        <translation>逾期 %1(本金 %2,利息 %3,罚息 %4,费用 %5)· 未到期本金 %6,剩余 %7 期</translation>
    </message>
    <message>
        <source>Costs more</source>
        <translation>借款人多付</translation>
    </message>
    <message>
        <source>Send for approval</source>
        <translation>提交审批</translation>
    </message>
    <message>
        <source>Not saved: fix the fields marked in red.</source>
        <translation>未保存:请修改标红的字段。</translation>
    </message>
    <message>
        <source>Not saved: the case is no longer on this desk.</source>
        <translation>未保存:该案件已不在本工作台。</translation>
    </message>
    <message>
        <source>Not saved: the local store could not be written.</source>
        <translation>未保存:无法写入本地存储。</translation>
    </message>
    <message>
        <source>Sent for approval — it will be sent with the next sync.</source>
        <translation>已提交审批 — 将在下次同步时发送。</translation>
    </message>
    <message>
        <source>Plan offered — it will be sent with the next sync.</source>
        <translation>方案已提交 — 将在下次同步时发送。</translation>
    </message>
    <message>
        <source>Export agreement</source>
        <translation>导出协议</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>The agreement could not be written.</source>
        <translation>无法写入协议文件。</translation>
    </message>
    <message>
        <source>Not exported: the export could not be recorded for the audit.</source>
        <translation>未导出：本次导出无法记入审计。</translation>
    </message>
    <message>
        <source>Agreement written to %1</source>
        <translation>协议已保存到 %1</translation>
    </message>
</context>
<context>
    <name>ProfilePanel</name>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Change the case&apos;s flags (do not call, dispute, …)</source>
        <translation>修改案件标记（禁止拨打、争议等）</translation>
    </message>
    <message>
        <source>Select a case in the worklist</source>
        <translation>请在工作列表中选择一个案件</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Plate / VIN</source>
        <translation>车牌 / 车架号</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>贷款</translation>
    </message>
    <message>
        <source>Disbursed</source>
        <translation>放款</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>剩余本金</translation>
    </message>
    <message>
        <source>Related</source>
        <translation>关联人</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>%1 · DPD %2 · </source>
        <translation>%1 · 逾期 %2 天 · </translation>
    </message>
    <message>
        <source>Overdue %1</source>
        <translation>逾期 %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 months · %4</source>
        <translation>%1 · 年利率 %2 · %3 期 · %4</translation>
    </message>
    <message>
        <source>%1, first due %2</source>
        <translation>%1，首期还款日 %2</translation>
    </message>
    <message>
        <source>written off</source>
        <translation>已核销</translation>
    </message>
    <message>
        <source>Debtor unreachable</source>
        <translation>债务人失联</translation>
    </message>
    <message>
        <source>callable from %1</source>
        <translation>%1 起可拨</translation>
    </message>
    <message>
        <source>not callable</source>
        <translation>不可拨打</translation>
    </message>
    <message>
        <source>%1 · %2% default risk</source>
        <translation>%1 · 违约概率 %2%</translation>
    </message>
    <message>
        <source>reveal</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Care call</source>
        <translation>关怀回访</translation>
    </message>
    <message>
        <source>PTP broken</source>
        <translation>承诺未兑现</translation>
    </message>
    <message>
        <source>PTP pending</source>
        <translation>承诺待兑现</translation>
    </message>
    <message>
        <source>Plan: %1</source>
        <translation>计划：%1</translation>
    </message>
    <message>
        <source>Back in collection: %1 plan broken</source>
        <translation>重回催收：%1方案已违约</translation>
    </message>
    <message>
        <source>Back in collection: %1 plan broken, payment due %2 short by %3</source>
        <translation>重回催收：%1方案已违约，%2 到期的还款差 %3</translation>
    </message>
</context>
<context>
    <name>QualityPanel</name>
    <message>
        <source>Recording notice missing</source>
        <translation>未告知录音</translation>
    </message>
    <message>
        <source>Company name missing</source>
        <translation>未报公司名称</translation>
    </message>
    <message>
        <source>Debt disclosed before identity check</source>
        <translation>核实身份前透露欠款</translation>
    </message>
    <message>
        <source>Debt disclosed to a third party</source>
        <translation>向第三方透露欠款</translation>
    </message>
    <message>
        <source>Banned phrase</source>
        <translation>禁用语</translation>
    </message>
    <message>
        <source>Promise differs from the wrap-up</source>
        <translation>承诺与小结不符</translation>
    </message>
    <message>
        <source>Outside the contact rules</source>
        <translation>违反联系规则</translation>
    </message>
    <message>
        <source>Agent (username)</source>
        <translation>催收员（用户名）</translation>
    </message>
    <message>
        <source>Any rule</source>
        <translation>全部规则</translation>
    </message>
    <message>
        <source>Between</source>
        <translation>日期区间</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>催收员</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借款人</translation>
    </message>
    <message>
        <source>Rules broken</source>
        <translation>违反的规则</translation>
    </message>
    <message>
        <source>Comment for the agent and the rule owners</source>
        <translation>给催收员和规则维护人的意见</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Disagree</source>
        <translation>不同意</translation>
    </message>
    <message>
        <source>Quality queue (worst first)</source>
        <translation>质检队列（得分从低到高）</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>质检发现</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Select a call to see its transcript</source>
        <translation>选择一通电话查看转写文本</translation>
    </message>
    <message>
        <source>{date} · {agent} · {borrower} · score {score}</source>
        <translation>{date} · {agent} · {borrower} · 得分 {score}</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>已同意</translation>
    </message>
    <message>
        <source>disagreed</source>
        <translation>不同意</translation>
    </message>
    <message>
        <source>“{quote}”</source>
        <translation>「{quote}」</translation>
    </message>
    <message>
        <source>Verdict saved</source>
        <translation>复核意见已保存</translation>
    </message>
</context>
<context>
    <name>ReassignPanel</name>
    <message>
        <source>By number of cases</source>
        <translation>按案件数</translation>
    </message>
    <message>
        <source>By overdue amount</source>
        <translation>按逾期金额</translation>
    </message>
    <message>
        <source>Balance each bucket on its own</source>
        <translation>各账龄分别均衡</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Balance the team&apos;s cases</source>
        <translation>均衡团队案件</translation>
    </message>
    <message>
        <source>Buckets:</source>
        <translation>账龄：</translation>
    </message>
    <message>
        <source>Cases of agents on leave or disabled, and cases nobody holds, always move; agents on leave receive none. Nothing changes until you apply.</source>
        <translation>休假或停用催收员的案件以及无人负责的案件总会转出；休假的催收员不接收案件。应用之前不会有任何改动。</translation>
    </message>
    <message>
        <source>No preview yet.</source>
        <translation>尚未预览。</translation>
    </message>
    <message>
        <source>Mark on leave</source>
        <translation>设为休假</translation>
    </message>
    <message>
        <source>Optional: why (kept in the audit log)</source>
        <translation>可选：原因（记入审计日志）</translation>
    </message>
    <message>
        <source>Apply these moves</source>
        <translation>应用这些调整</translation>
    </message>
    <message>
        <source>Each agent before and after</source>
        <translation>每位催收员调整前后</translation>
    </message>
    <message>
        <source>Who gives cases to whom</source>
        <translation>案件转移明细</translation>
    </message>
    <message>
        <source>Choose a team above to balance its cases.</source>
        <translation>请先在上方选择要均衡的团队。</translation>
    </message>
    <message>
        <source>On leave: %1</source>
        <translation>休假中：%1</translation>
    </message>
    <message>
        <source>No agent of the team is on leave.</source>
        <translation>团队中没有休假的催收员。</translation>
    </message>
    <message>
        <source>The rule changed: preview again to see the moves.</source>
        <translation>规则已改变：请重新预览。</translation>
    </message>
    <message>
        <source>Calculating the moves…</source>
        <translation>正在计算调整…</translation>
    </message>
    <message>
        <source>No preview.</source>
        <translation>无预览。</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Team %1: %2 of %3 cases move (%4 of %5 overdue). Check the table, then apply.</source>
        <translation>团队 %1：%3 个案件中 %2 个将转移（逾期金额 %5 中的 %4）。请核对下表后应用。</translation>
    </message>
    <message>
        <source>Team %1 is already balanced under this rule: nothing moves.</source>
        <translation>按此规则团队 %1 已经均衡：没有案件需要转移。</translation>
    </message>
    <message>
        <source>Applied: %1 case(s) moved. Both agents&apos; desks get them at their next sync.</source>
        <translation>已应用：转移 %1 个案件。双方催收员的工作台在下次同步时更新。</translation>
    </message>
    <message>
        <source>Nothing was applied. Preview again.</source>
        <translation>没有应用任何调整。请重新预览。</translation>
    </message>
    <message>
        <source>Back from leave</source>
        <translation>结束休假</translation>
    </message>
</context>
<context>
    <name>RejectedOpsModel</name>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <source>Promise to pay</source>
        <translation>承诺还款</translation>
    </message>
    <message>
        <source>Plan proposal</source>
        <translation>还款计划申请</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Case change</source>
        <translation>案件修改</translation>
    </message>
    <message>
        <source>Agreement export</source>
        <translation>导出协议</translation>
    </message>
    <message>
        <source>The case is no longer yours: this was not made while you held it.</source>
        <translation>该案件已不由您负责：这条记录不是在您负责期间形成的，无法提交。</translation>
    </message>
    <message>
        <source>The case was handed over too long ago: this can no longer be recorded.</source>
        <translation>该案件移交已超过允许的期限，这条记录无法再提交。</translation>
    </message>
    <message>
        <source>The case is no longer yours: a plan is proposed by whoever holds it now.</source>
        <translation>该案件已不由您负责：还款方案须由当前负责人提出。</translation>
    </message>
    <message>
        <source>Server value</source>
        <translation>服务器当前值</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>更改</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ReminderBanner</name>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Callback due: %1 at %2</source>
        <translation>回拨提醒：%1（%2）</translation>
    </message>
    <message>
        <source>(+%1 more)</source>
        <translation>（另有 %1 条）</translation>
    </message>
</context>
<context>
    <name>ReminderCenter</name>
    <message>
        <source>Callback due</source>
        <translation>回拨提醒</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>RevealDialog</name>
    <message>
        <source>Reveal %1</source>
        <translation>查看 %1 明文</translation>
    </message>
    <message>
        <source>Revealing personal information is recorded with your reason (PIPL Art. 51). Reveal only what this case needs.</source>
        <translation>查看个人信息明文将连同原因记入审计日志（《个人信息保护法》第五十一条）。请仅查看处理本案件所必需的信息。</translation>
    </message>
    <message>
        <source>— pick a reason —</source>
        <translation>— 请选择原因 —</translation>
    </message>
    <message>
        <source>Why, in words (required for &quot;Other&quot;)</source>
        <translation>用文字说明原因（选择“其他”时必填）</translation>
    </message>
    <message>
        <source>Reveal</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Pick a reason from the list.</source>
        <translation>请从列表中选择原因。</translation>
    </message>
    <message>
        <source>Explain the reason in the note.</source>
        <translation>请在说明中写明原因。</translation>
    </message>
    <message>
        <source>Remove the spaces before and after the note.</source>
        <translation>请删除备注前后的空格。</translation>
    </message>
    <message>
        <source>Say why in words: at least two words or four Chinese characters (not “asdf”, repeated letters or punctuation).</source>
        <translation>请用文字说明原因：至少两个词或四个汉字（不能是“asdf”、重复字母或标点）。</translation>
    </message>
    <message>
        <source>Not revealed: %1</source>
        <translation>未能查看：%1</translation>
    </message>
</context>
<context>
    <name>RevealsPanel</name>
    <message>
        <source>Reveals of personal information</source>
        <translation>个人信息明文查看</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>催收员</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Value (masked)</source>
        <translation>值（已脱敏）</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借款人</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Every reveal is recorded with its reason (PIPL Art. 51). An agent who reveals more than %1 values in a day is flagged here and in the audit log.</source>
        <translation>每次查看明文都连同原因记入审计日志（《个人信息保护法》第五十一条）。一天内查看超过 %1 次的催收员会在此处和审计日志中标出。</translation>
    </message>
    <message>
        <source>Above the daily threshold of %1 reveals: %2. Ask them why.</source>
        <translation>超过每日 %1 次的查看上限：%2。请向其了解原因。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 (%2 today)</source>
        <translation>%1（今日 %2 次）</translation>
    </message>
    <message>
        <source>Reveals of personal information (%1)</source>
        <translation>个人信息明文查看 (%1)</translation>
    </message>
    <message>
        <source>Above the threshold</source>
        <translation>超过上限</translation>
    </message>
</context>
<context>
    <name>RollModel</name>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Roll</source>
        <translation>迁徙</translation>
    </message>
    <message>
        <source>Balance at start</source>
        <translation>期初余额</translation>
    </message>
    <message>
        <source>Rolled</source>
        <translation>迁徙余额</translation>
    </message>
    <message>
        <source>Roll rate</source>
        <translation>迁徙率</translation>
    </message>
</context>
<context>
    <name>ScheduleModel</name>
    <message>
        <source>last paid on %1</source>
        <translation>最近还款日 %1</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>应还日</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>应还金额</translation>
    </message>
    <message>
        <source>Principal</source>
        <translation>本金</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>利息</translation>
    </message>
    <message>
        <source>Pen./fees</source>
        <translation>罚息/费用</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已还</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>ScriptPanel</name>
    <message>
        <source>Language of the script (the borrower&apos;s by default)</source>
        <translation>话术语言（默认为借款人的语言）</translation>
    </message>
    <message>
        <source>← Back (Backspace)</source>
        <translation>← 上一步（退格键）</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>从头开始</translation>
    </message>
    <message>
        <source>Select a case to see its call script.</source>
        <translation>选择案件后显示话术。</translation>
    </message>
    <message>
        <source>Step %1 · identity verified</source>
        <translation>第 %1 步 · 已核实本人身份</translation>
    </message>
    <message>
        <source>Step %1 · not verified: say nothing about the debt</source>
        <translation>第 %1 步 · 尚未核实身份：不得透露任何债务信息</translation>
    </message>
    <message>
        <source>Record the promised amount and date in the wrap-up.</source>
        <translation>请在通话小结中填写承诺金额和日期。</translation>
    </message>
    <message>
        <source>Pick the callback time in the wrap-up.</source>
        <translation>请在通话小结中选择回拨时间。</translation>
    </message>
    <message>
        <source>Build the plan in the Plan tab.</source>
        <translation>请在“还款计划”页测算方案。</translation>
    </message>
    <message>
        <source>End of the script: end the call (F6) and save the wrap-up.</source>
        <translation>话术结束：挂断电话 (F6) 并保存通话小结。</translation>
    </message>
    <message>
        <source>Not shown (banned phrase in the value): %1</source>
        <translation>因含违规用语未显示：%1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>A link (tel:{number}, sip:{phone_id}@pbx) or a command (/path/dial {number} --record {recording}); {number} is fetched from the server, checked and audited, just before dialing.</source>
        <translation>链接（tel:{number}、sip:{phone_id}@pbx）或命令（/path/dial {number} --record {recording}）；{number} 在拨号前从服务器获取，经过检查并记入审计。</translation>
    </message>
    <message>
        <source>Hand-off: a link or command, no call state</source>
        <translation>转交：链接或命令，没有通话状态</translation>
    </message>
    <message>
        <source>baresip: the desk controls the softphone</source>
        <translation>baresip：工作台控制软电话</translation>
    </message>
    <message>
        <source>host:port of baresip&apos;s ctrl_tcp_listen (e.g. 127.0.0.1:4444)</source>
        <translation>baresip 的 ctrl_tcp_listen 地址 host:port（例如 127.0.0.1:4444）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>The desk locks after this long without input and asks for the password.</source>
        <translation>无操作超过此时长后，工作台将锁定并要求输入密码。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>baresip control address</source>
        <translation>baresip 控制地址</translation>
    </message>
    <message>
        <source>Softphone</source>
        <translation>软电话</translation>
    </message>
    <message>
        <source>Lock when idle</source>
        <translation>空闲锁定</translation>
    </message>
    <message>
        <source>The desk switches to the new language at once.</source>
        <translation>工作台立即切换为所选语言。</translation>
    </message>
</context>
<context>
    <name>ShareModel</name>
    <message>
        <source>Agent</source>
        <translation>催收员</translation>
    </message>
    <message>
        <source>Receives cases</source>
        <translation>接收案件</translation>
    </message>
    <message>
        <source>Cases before</source>
        <translation>调整前案件</translation>
    </message>
    <message>
        <source>Cases after</source>
        <translation>调整后案件</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Amount before</source>
        <translation>调整前金额</translation>
    </message>
    <message>
        <source>Amount after</source>
        <translation>调整后金额</translation>
    </message>
    <message>
        <source>Amount change</source>
        <translation>金额变化</translation>
    </message>
    <message>
        <source>No — on leave</source>
        <translation>否 — 休假中</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No — disabled</source>
        <translation>否 — 已停用</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Wrong username or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>This account may not use the desk. Ask your team lead.</source>
        <translation>此账号无权使用工作台，请联系组长。</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1. Check the address and the network, then try again.</source>
        <translation>无法连接服务器 %1。请检查地址和网络后重试。</translation>
    </message>
    <message>
        <source>The server at %1 answered something unexpected. Is this the Collection Desk server address?</source>
        <translation>服务器 %1 返回了无法识别的内容。请确认这是催收工作台的服务器地址。</translation>
    </message>
    <message>
        <source>Sign-in failed: %1</source>
        <translation>登录失败：%1</translation>
    </message>
    <message>
        <source>Sign in — Collection Desk</source>
        <translation>登录 — 催收工作台</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>No secure keyring is available on this computer, so the desk cannot remember your sign-in: it will ask for your password at each start.</source>
        <translation>本机没有可用的安全钥匙串，工作台无法记住登录状态：每次启动都会要求输入密码。</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Work offline</source>
        <translation>离线工作</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Enter the server address, your username and password.</source>
        <translation>请输入服务器地址、用户名和密码。</translation>
    </message>
</context>
<context>
    <name>Softphone</name>
    <message>
        <source>The softphone template is empty.</source>
        <translation>软电话模板为空。</translation>
    </message>
    <message>
        <source>Use only {number}, {phone_id}, {case_id} and {recording}.</source>
        <translation>只能使用 {number}、{phone_id}、{case_id} 和 {recording}。</translation>
    </message>
    <message>
        <source>Write the host in the template (sip:{number}@pbx.example); it may not come from a value.</source>
        <translation>主机须写在模板中（sip:{number}@pbx.example），不能来自填入的值。</translation>
    </message>
    <message>
        <source>Write the program in the template (/path/dial {number}); it may not come from a value or start with “-”.</source>
        <translation>程序须写在模板中（/path/dial {number}），不能来自填入的值，也不能以“-”开头。</translation>
    </message>
    <message>
        <source>A number is digits with an optional leading +, nothing else; ids are letters and digits.</source>
        <translation>号码只能是数字（开头可带 +），不能有其他字符；编号只能是字母和数字。</translation>
    </message>
    <message>
        <source>The softphone could not be started.</source>
        <translation>无法启动软电话。</translation>
    </message>
    <message>
        <source>The softphone template does not parse.</source>
        <translation>无法解析软电话模板。</translation>
    </message>
</context>
<context>
    <name>TeamCasesModel</name>
    <message>
        <source>Agent</source>
        <translation>催收员</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借款人</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>账龄</translation>
    </message>
    <message>
        <source>DPD</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>还款承诺</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Care call</source>
        <translation>关怀回访</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>TeamConsole</name>
    <message>
        <source>Team worklist</source>
        <translation>团队案件</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>催收员</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>重新分配</translation>
    </message>
    <message>
        <source>Approvals</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>指标看板</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Reveals</source>
        <translation>明文查看</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质检</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>全部团队</translation>
    </message>
    <message>
        <source>Team console</source>
        <translation>团队管理</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>团队：</translation>
    </message>
</context>
<context>
    <name>TeamErrors</name>
    <message>
        <source>The server cannot be reached. The team console needs the server; your own cases keep working offline.</source>
        <translation>无法连接服务器。团队管理需要连接服务器；您自己的案件可继续离线处理。</translation>
    </message>
    <message>
        <source>The server no longer accepts your sign-in. Sign in again.</source>
        <translation>服务器不再接受您的登录，请重新登录。</translation>
    </message>
    <message>
        <source>This plan is beyond your authority: an administrator must approve it.</source>
        <translation>此方案超出您的权限：需由管理员批准。</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <source>This plan was decided meanwhile: it is no longer pending.</source>
        <translation>此方案已被他人处理，不再待审批。</translation>
    </message>
    <message>
        <source>The plan no longer works on today&apos;s figures: %1</source>
        <translation>按今天的数据此方案已不成立：%1</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>服务器拒绝：%1</translation>
    </message>
    <message>
        <source>Not found: it may have left your team.</source>
        <translation>未找到：可能已不属于您的团队。</translation>
    </message>
    <message>
        <source>Too many rows to export: narrow the filter.</source>
        <translation>导出行数过多：请缩小筛选范围。</translation>
    </message>
    <message>
        <source>The server refused the request: %1</source>
        <translation>服务器拒绝了请求：%1</translation>
    </message>
    <message>
        <source>The server failed (%1). Try again in a moment.</source>
        <translation>服务器出错（%1），请稍后再试。</translation>
    </message>
    <message>
        <source>The server&apos;s answer was not understood.</source>
        <translation>无法识别服务器的应答。</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>无法写入文件：%1</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <source>Nothing was moved: %1 case(s) changed holder or closed since you listed them.</source>
        <translation>没有转移任何案件：列出之后已有 %1 个案件更换了负责人或已结案。</translation>
    </message>
    <message>
        <source>%1: you saw %2, now %3</source>
        <translation>%1：您看到的是 %2，现在是 %3</translation>
    </message>
    <message>
        <source>The lists have been refreshed: check them and try again.</source>
        <translation>列表已刷新：请核对后重试。</translation>
    </message>
    <message>
        <source>Nothing was moved: %1 cannot receive cases.</source>
        <translation>没有转移任何案件：%1 不能接收案件。</translation>
    </message>
    <message>
        <source>Nothing was moved: a case appears twice in the moves.</source>
        <translation>没有转移任何案件：同一案件出现了两次。</translation>
    </message>
    <message>
        <source>Nothing was moved: %1 case(s) are no longer in your team.</source>
        <translation>没有转移任何案件：%1 个案件已不在您的团队。</translation>
    </message>
    <message>
        <source>No agent of the team can receive cases: all are on leave or disabled.</source>
        <translation>团队中没有可接收案件的催收员：全部休假或已停用。</translation>
    </message>
</context>
<context>
    <name>TeamMode</name>
    <message>
        <source>Team console (Ctrl+T)</source>
        <translation>团队管理 (Ctrl+T)</translation>
    </message>
    <message>
        <source>Switch between your desk and the team console</source>
        <translation>在个人工作台与团队管理之间切换</translation>
    </message>
    <message>
        <source>This case is not on your desk yet: it arrives with the next sync.</source>
        <translation>此案件还不在您的工作台上：下次同步后到达。</translation>
    </message>
</context>
<context>
    <name>TeamWorklistPanel</name>
    <message>
        <source>Search name, phone, contract, plate</source>
        <translation>搜索姓名、电话、合同号、车牌</translation>
    </message>
    <message>
        <source>Open and recovery</source>
        <translation>在催与回收</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>在催</translation>
    </message>
    <message>
        <source>Recovery</source>
        <translation>回收</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any promise</source>
        <translation>全部承诺</translation>
    </message>
    <message>
        <source>Promise pending</source>
        <translation>承诺待履行</translation>
    </message>
    <message>
        <source>Promise broken</source>
        <translation>承诺已违约</translation>
    </message>
    <message>
        <source>Promise kept</source>
        <translation>承诺已履约</translation>
    </message>
    <message>
        <source>No promise</source>
        <translation>无承诺</translation>
    </message>
    <message>
        <source>Reassign selected…</source>
        <translation>重新分配所选…</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>全部催收员</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>%1 — on leave</source>
        <translation>%1 — 休假中</translation>
    </message>
    <message>
        <source>Team cases (%1)</source>
        <translation>团队案件 (%1)</translation>
    </message>
    <message>
        <source>%1 selected</source>
        <translation>已选 %1 个</translation>
    </message>
    <message>
        <source>Select cases to reassign them (Ctrl/Shift for several)</source>
        <translation>选择案件后可重新分配（按住 Ctrl/Shift 多选）</translation>
    </message>
    <message>
        <source>%1 case(s) reassigned; both agents&apos; desks get them at their next sync.</source>
        <translation>已重新分配 %1 个案件；双方催收员的工作台在下次同步时更新。</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome — Collection Desk</source>
        <translation>欢迎 — 催收工作台</translation>
    </message>
    <message>
        <source>Collection Desk</source>
        <translation>催收工作台</translation>
    </message>
    <message>
        <source>No server is configured yet. Connect to your company&apos;s server, or try the desk with a generated demo portfolio on this computer.</source>
        <translation>尚未配置服务器。请连接公司的服务器，或在本机使用生成的演示数据试用工作台。</translation>
    </message>
    <message>
        <source>Connect to a server…</source>
        <translation>连接服务器…</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>试用演示版</translation>
    </message>
</context>
<context>
    <name>WorklistModel</name>
    <message>
        <source>Callable now under the contact policy</source>
        <extracomment>emitted after every (re)query: the WorklistPage of the first page</extracomment>
        <translation>按联系规范当前是否可拨打</translation>
    </message>
    <message>
        <source>Next action</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Borrower</source>
        <translation>借款人</translation>
    </message>
    <message>
        <source>Bucket</source>
        <translation>账龄</translation>
    </message>
    <message>
        <source>DPD</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <source>Care call</source>
        <translation>关怀回访</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>! %1</source>
        <translation>！%1</translation>
    </message>
    <message>
        <source>! %1 · %2</source>
        <translation>！%1 %2</translation>
    </message>
    <message>
        <source>Contact policy not evaluated</source>
        <translation>未评估联系规范</translation>
    </message>
    <message>
        <source>Callable now</source>
        <translation>当前可拨打</translation>
    </message>
    <message>
        <source>Not callable now</source>
        <translation>当前不可拨打</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n 条更改等待同步</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorklistPanel</name>
    <message>
        <source>Open</source>
        <translation>在催</translation>
    </message>
    <message>
        <source>Recovery</source>
        <translation>回收</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Show only the checked buckets (none checked: all)</source>
        <translation>只显示选中的账龄（不选则显示全部）</translation>
    </message>
    <message>
        <source>Worklist (%1)</source>
        <translation>工作列表 (%1)</translation>
    </message>
    <message>
        <source>No case matches the search</source>
        <translation>没有符合条件的案件</translation>
    </message>
    <message>
        <source>No cases yet — they appear after the first sync</source>
        <translation>暂无案件 — 首次同步后显示</translation>
    </message>
</context>
<context>
    <name>WrapUpForm</name>
    <message>
        <source>Wrap-up</source>
        <translation>通话小结</translation>
    </message>
    <message>
        <source>— how did it end —</source>
        <translation>— 联系结果 —</translation>
    </message>
    <message>
        <source>— reason (optional) —</source>
        <translation>— 未还款原因（可选）—</translation>
    </message>
    <message>
        <source>— result (optional) —</source>
        <translation>— 处理结果（可选）—</translation>
    </message>
    <message>
        <source>amount, e.g. 1500.00</source>
        <translation>金额，如 1500.00</translation>
    </message>
    <message>
        <source>Promise</source>
        <translation>承诺还款</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回拨</translation>
    </message>
    <message>
        <source>Insert a quick phrase…</source>
        <translation>插入常用语…</translation>
    </message>
    <message>
        <source>What happened on the call, what was agreed…</source>
        <translation>通话情况、约定事项…</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>联系结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Save (F9)</source>
        <translation>保存 (F9)</translation>
    </message>
    <message>
        <source>Draft restored</source>
        <translation>已恢复草稿</translation>
    </message>
    <message>
        <source>Correction of the note of %1</source>
        <translation>更正 %1 的备注</translation>
    </message>
    <message>
        <source>Correction of a saved note</source>
        <translation>更正已保存的备注</translation>
    </message>
    <message>
        <source>No call placed: a note or another contact</source>
        <translation>未拨打电话：记录备注或其他联系方式</translation>
    </message>
    <message>
        <source>Call %1 at %2</source>
        <translation>%2 拨打 %1</translation>
    </message>
    <message>
        <source>policy overridden</source>
        <translation>已越权拨打</translation>
    </message>
    <message>
        <source>Draft saved</source>
        <translation>草稿已保存</translation>
    </message>
    <message>
        <source>Draft not saved — check disk space</source>
        <translation>草稿未保存——请检查磁盘空间</translation>
    </message>
    <message>
        <source>Saved — it will be sent with the next sync</source>
        <translation>已保存——将在下次同步时发送</translation>
    </message>
</context>
</TS>
