<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <name>CallBar</name>
    <message>
        <source>End call (F6)</source>
        <translation>挂断 (F6)</translation>
    </message>
    <message>
        <source>Not in a call · F5 calls the borrower</source>
        <translation>未在通话 · 按 F5 拨打借款人</translation>
    </message>
    <message>
        <source>In call: %1</source>
        <translation>通话中：%1</translation>
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
        <source>The softphone did not take the call: %1</source>
        <translation>软电话未能接收拨号：%1</translation>
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
        <source>Signing out…</source>
        <translation>正在退出登录…</translation>
    </message>
    <message>
        <source>Collection Desk</source>
        <translation>催收工作台</translation>
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
</context>
<context>
    <name>PlanPanel</name>
    <message>
        <source>Repayment plan</source>
        <translation>还款计划</translation>
    </message>
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
        <source>Note (required for &quot;Other&quot;)</source>
        <translation>说明（选择“其他”时必填）</translation>
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
        <source>The note must be real words, without leading or trailing spaces.</source>
        <translation>说明须为有效文字，且首尾不能有空格。</translation>
    </message>
    <message>
        <source>Explain the reason in the note.</source>
        <translation>请在说明中写明原因。</translation>
    </message>
    <message>
        <source>Not revealed: %1</source>
        <translation>未能查看：%1</translation>
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
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Softphone</source>
        <translation>软电话</translation>
    </message>
    <message>
        <source>The desk switches to the new language at once.</source>
        <translation>工作台立即切换为所选语言。</translation>
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
        <source>The note contains banned wording: %1. Rephrase it, or press Save again to store it flagged for review.</source>
        <translation>备注含违规用语：%1。请修改措辞，或再次点击保存，该备注将被标记并提交复核。</translation>
    </message>
    <message>
        <source>Saved — it will be sent with the next sync</source>
        <translation>已保存——将在下次同步时发送</translation>
    </message>
</context>
</TS>
