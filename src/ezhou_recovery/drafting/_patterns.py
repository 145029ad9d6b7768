"""The patterns of the genre (each linear: bounded repetition, no nested quantifiers)."""

from __future__ import annotations

import re

PART = re.compile(r"^([一二三四五六七八九十]{1,3})[、.]\s*(.{0,60})$")
CATEGORY_HEADING = re.compile(r"^\(([一二三四五六七八九十]{1,3})\)\s*([^()]{1,60})(.*)$")
SUBHEAD = re.compile(
    r"^(?:(\d{1,2})\s*[.、]|\(([一二三四五六七八九十]{1,3})\))\s*([^。:.()]{1,30}?)\s*(?:[。:]|$)(.*)$"
)
SECTION_LINE = re.compile(
    r"^(三年目标|主要目标|工作目标|发展目标|总体目标|目标任务|主要任务|重点任务|工作任务|重点工作|"
    r"重大项目及投资\S{0,4}|投资\S{0,4})\s*[:。](.*)$"
)
META = re.compile(r"分管(?:市|区|县)?领导|(?:牵头|责任|主责)(?:部门|单位)")
#: Names that say a heading is a category of works even without a leader line.
CATEGORY_NAME = re.compile(r"(?:工程|行动|建设|项目|计划|专项|提升|补短板)$")
ITEM = re.compile(r"^(?:\((\d{1,2})\)|(\d{1,2})\s*[.、])\s*(.*)$")
LEADER = re.compile(
    r"分管(?:市|区|县)?领导(?:同志)?\s*:?\s*([\u4e00-\u9fff·、]{2,24}?)(?=\s*(?:[;,)。]|牵头|责任|配合|主责|$))"
)
LEADER_TITLE = re.compile(
    r"(?:常务副市长|副市长|市长|副区长|区长|副县长|县长|副秘书长|秘书长|同志)$"
)
LEAD_DEPARTMENTS_LINE = re.compile(
    r"(?:牵头|责任|主责)(?:部门|单位)\s*:?\s*([^;)。]{2,80}?)(?=\s*(?:[;)。]|配合|协办|分管|$))"
)
PORTFOLIO_COUNT = re.compile(
    r"项目\s*(\d{1,5}|[零一二两三四五六七八九十百]{1,6})\s*个|(\d{1,5}|[零一二两三四五六七八九十百]{1,6})\s*个(?:重大|重点)?项目"
)
PORTFOLIO_TOTAL = re.compile(
    r"(?:总投资|投资概算|投资估算|投资测算|概算总投资)[^\d,;。]{0,6}?(约|大约|近)?(\d{1,9}(?:\.\d{1,6})?)(亿元|万元|元)"
)
PORTFOLIO_FIRST = re.compile(
    r"((?:19|20)\d\d)年度?[^\d,;。]{0,8}?投资[^\d,;。]{0,4}?(约|大约)?(\d{1,9}(?:\.\d{1,6})?)(亿元|万元|元)"
)
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{2,10}[〔\[\uff3b][12]\d{3}[〕\]\uff3d]\d{1,4}号")
PLAN_TITLE = re.compile(
    r"^(.{2,80}?(?:实施方案|行动方案|工作方案|行动计划|实施意见|规划)(?:\(\d{4}\s*[—\-\u2013~至]{1,2}\s*\d{4}年?\))?)$"
)
QUOTED_TITLE = re.compile(r"《([^《》]{2,80}?)》")
PERIOD_YEARS = re.compile(r"((?:19|20)\d\d)\s*[—\-\u2013~至]{1,2}\s*((?:19|20)\d\d)年?")
ISSUER_LINE = re.compile(r"^[\u4e00-\u9fff]{2,30}(?:人民政府|政府|办公室|办公厅|委员会)$")
ZH_DATE = re.compile(r"^((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日$")
PUBLISHED = re.compile(r"(?:日期|发布时间|发布日期)\s*:\s*((?:19|20)\d\d)-(\d{2})-(\d{2})")
ISSUER_IN_NOTICE = re.compile(r"^([\u4e00-\u9fff]{2,30}?(?:人民政府|政府|办公室|办公厅))关于印发")
ARABIC = re.compile(r"(?<![A-Za-z0-9.])\d{1,12}(?:\.\d{1,6})?(?![\d.]{0,20}[A-Za-z])")
CHINESE = re.compile(r"(?<![第“\"])[零〇一二两三四五六七八九十百千]{1,6}")
RANGE_AFTER = re.compile(r"[—\-\u2013~至到]{1,2}\d")
BASELINE = re.compile(
    r"(?:从|由)((?:(?:19|20)\d\d年(?:底|末)?)?[^,;。从由\d]{0,12}?)(不足|不到|少于|大约|约|近|超过|多于)?(\d{1,12}(?:\.\d{1,6})?)"
    r"([^\d,;。]{0,6}?)(增加到|增长到|提高到|提升到|扩大到|增至|提高至|提升至|增加至|达到|"
    r"降低到|下降到|减少到|降至|降低至|下降至|减少至|压减到|压减至|缩短到|缩短至)"
)
DEADLINE = re.compile(
    r"((?:19|20)\d\d)年(?:(\d{1,2})月(?:(\d{1,2})日|(底|末))?|(底|末))?(前|以前|之前)?"
)
WITHIN_YEARS = re.compile(r"(?:[一二三四五两]|\d)年(?:内|之内|时间)")
ANNUAL = re.compile(r"每年度?|年均|每一年")
QUARTERLY_DUE = re.compile(
    r"每季度(最后一个月|末月|第三个月|第一个月|首月|第二个月)?的?(\d{1,2})日(?:前|之前|以前)"
)
QUARTER_END = re.compile(r"每季度(?:末|最后一天)")
ONCE_DUE = re.compile(r"(?:((?:19|20)\d\d)年)?(\d{1,2})月(?:(\d{1,2})日|(底|末))(?:前|之前|以前)")
MONTHLY = re.compile(r"每月(?:\d{1,2}日|底|末)")
YEARLY = re.compile(r"每年(?:\d{1,2}月|底|末|年底)")
ANYTIME = re.compile(r"(?:随时|及时)(?:报告|反馈|报送|上报)")
REPORT_VERB = re.compile(r"报送|上报|报告|提交|报备|反馈")
RECIPIENT = re.compile(
    r"(?:报送至|报送到|上报至|报至|报送给|向)([^,;。向]{2,40}?)(?=报送|上报|报告|提交|[,;。]|$)"
)
WHAT_BEFORE = re.compile(r"将([^,;。]{2,40}?)(?:报送|上报|提交|报)")
WHAT_AFTER = re.compile(r"(?:报送|上报|提交)([^,;。至到给]{2,30})$")
DEPT_NAME = re.compile(
    r"^(?:市|区|县|省)?[\u4e00-\u9fff]{1,20}?(?:局|委|办|办公室|委员会|中心|厅|部)$"
)
EACH_DISTRICT = re.compile(r"(其他|其余)?各(?:区|县\(市、区\)|县\(市区\)|县市区)(?!人民政府|政府)")
ENUMERATION = re.compile(
    r"(?:组建|新建|建成|设立|创建)((?:[^、,;。等]{2,12}、){1,9}[^、,;。等]{2,20})$"
)
