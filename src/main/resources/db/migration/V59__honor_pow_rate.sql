-- Honours (issue 18): the proof-of-work challenges (GET /api/v1/honor/pow) are counted per address block too,
-- beside likes, comments and objections, so that nobody asks for unlimited challenges.
alter table honor_notice_rate drop constraint honor_notice_rate_action_check;
alter table honor_notice_rate add constraint honor_notice_rate_action_check
    check (action in ('LIKE', 'COMMENT', 'OBJECTION', 'CHALLENGE'));
