/** The OpenAPI 3.1 document of the API; request bodies refer to the same JSON Schemas that validate them. */
import { readSchemas } from '../schema/schema-files.js'
import { schemaComponents } from './openapi-components.js'
import { RESPONSE_COMPONENTS } from './openapi-responses.js'

const problem = { $ref: '#/components/schemas/Problems' }
const json = (schema: object) => ({ content: { 'application/json': { schema } } })
const errors = {
  400: { description: '输入不符合模式 / invalid input; nothing was written', ...json(problem) },
  401: { description: '缺少或无效的令牌 / missing or invalid token', ...json(problem) },
  403: { description: '超出令牌的角色或范围 / outside the token role or scope', ...json(problem) },
  404: { description: '不存在或不在范围内 / not found or not in scope', ...json(problem) },
}
const ok = (description: string) => ({ 200: { description, ...json({ type: 'object' }) }, ...errors })
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const okWith = (description: string, schema: object, status = 200) => ({
  [status]: { description, ...json(schema) },
  ...errors,
})
const body = (ref: string) => ({ required: true, ...json({ $ref: `#/components/schemas/${ref}` }) })
const param = (name: string, where: 'path' | 'query' = 'path', schema: object = { type: 'string' }) => ({
  name,
  in: where,
  required: where === 'path',
  schema,
})
const caseId = param('caseId')
const draftId = param('draftId')
const wb = (def: string) => ({ $ref: `#/components/schemas/Workbench_${def}` })
const okAs = (description: string, def: string, status = 200) => ({
  [status]: { description, ...json(wb(def)) },
  ...errors,
})
const draftOk = (description: string) => ({
  200: { description, ...json(wb('draft')) },
  409: { description: '草稿状态不允许 / not allowed in the draft status', ...json(problem) },
  422: { description: '未通过检查 / failed its checks', ...json(problem) },
  ...errors,
})
const seq = param('seq', 'path', { type: 'integer', minimum: 1 })

let doc: object | undefined

/**
 * The document, built once.
 * @example app.get('/openapi.json', (c) => c.json(openApiDocument()))
 */
export function openApiDocument(): object {
  if (doc) return doc
  const schemas: Record<string, object> = {
    Problems: {
      type: 'object',
      required: ['problems'],
      properties: {
        problems: {
          type: 'array',
          items: {
            type: 'object',
            required: ['code', 'zh', 'en'],
            properties: {
              code: { type: 'string' },
              zh: { type: 'string' },
              en: { type: 'string' },
              pointer: { type: 'string' },
              file: { type: 'string' },
            },
          },
        },
      },
    },
  }
  Object.assign(schemas, schemaComponents(readSchemas()), RESPONSE_COMPONENTS)
  doc = {
    openapi: '3.1.0',
    info: {
      title: 'xingquan — 行政权力依法规范公开运行 API',
      version: '0.1.0',
      description:
        '办件事件、评估记录、预警与文书、行政职权目录和规则包。除 /health 和本文件外均需 Bearer 令牌。/ Case events, evaluation records, alerts and notices, the power catalog and rule packs. Every route but /health and this document needs a bearer token. Errors: {"problems": [{code, zh, en, pointer}]}.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'xq_session' },
      },
      schemas,
    },
    security: [{ bearer: [] }, { session: [] }],
    paths: {
      '/health': { get: { summary: '健康检查 / health', security: [], responses: { 200: { description: 'ok' } } } },
      '/openapi.json': {
        get: { summary: '本文件 / this document', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } },
      },
      '/whoami': { get: { summary: '当前令牌 / the caller', responses: ok('principal') } },
      '/session': {
        post: {
          summary: '登录（设置 HttpOnly 会话 Cookie）/ sign in (sets an HttpOnly session cookie)',
          security: [],
          requestBody: body('SignIn'),
          responses: okWith('the person signed in', ref('Account_person')),
        },
        get: { summary: '当前登录的人 / the signed-in person', responses: okWith('the person', ref('Account_person')) },
        delete: { summary: '退出登录 / sign out', responses: { 204: { description: 'signed out' }, ...errors } },
      },
      '/accounts': {
        get: {
          summary: '管理范围内的账号 / accounts in the administrator scope',
          responses: okWith('{accounts}', {
            type: 'object',
            required: ['accounts'],
            properties: { accounts: { type: 'array', items: ref('Account') } },
          }),
        },
        post: {
          summary: '开设账号 / open an account (region and department admins)',
          requestBody: body('AccountRequest'),
          responses: {
            ...okWith('opened', ref('Account'), 201),
            409: { description: 'user name taken', ...json(problem) },
          },
        },
      },
      '/accounts/{userName}': {
        get: {
          summary: '账号及其会话 / an account and its sessions',
          parameters: [param('userName')],
          responses: okWith('account', ref('Account')),
        },
      },
      '/accounts/{userName}/disable': {
        post: {
          summary: '停用账号并结束其会话 / disable an account, ending its sessions',
          parameters: [param('userName')],
          requestBody: body('AccountChange'),
          responses: okWith('account', ref('Account')),
        },
      },
      '/sessions/{sessionId}/end': {
        post: {
          summary: '结束一个会话 / end a session (its person, or an administrator)',
          parameters: [param('sessionId')],
          requestBody: body('AccountChange'),
          responses: okWith('ended', {
            type: 'object',
            required: ['id', 'ended', 'already'],
            properties: { id: { type: 'string' }, ended: { type: 'boolean' }, already: { type: 'boolean' } },
          }),
        },
      },
      '/tokens': {
        post: {
          summary: '签发令牌 / issue a token (region and department admins)',
          requestBody: body('TokenRequest'),
          responses: { 201: { description: 'the token, shown once' }, ...errors },
        },
      },
      '/tokens/{id}/revoke': {
        post: {
          summary:
            '吊销令牌（地区管理员，其辖区内）；各进程一秒内不再接受 / revoke a token (a region admin, within its territory); every process refuses it within a second',
          parameters: [param('id')],
          requestBody: { required: false, ...json({ $ref: '#/components/schemas/TokenRevocation' }) },
          responses: ok('{tokenId, revokedBy, revokedAt, reason}'),
        },
      },
      '/cases': {
        get: {
          summary: '办件列表 / list cases in scope',
          parameters: [
            param('department', 'query'),
            param('level', 'query', { enum: ['none', 'info', 'yellow', 'red'] }),
            param('overdue', 'query', { type: 'boolean' }),
            param('status', 'query', { enum: ['open', 'closed'] }),
            param('limit', 'query', { type: 'integer' }),
            param('after', 'query'),
          ],
          responses: ok('{cases, next}'),
        },
        post: {
          summary: '受理办件 / open a case with its accepted event',
          requestBody: body('CreateCase'),
          responses: {
            201: { description: 'created and evaluated' },
            200: { description: 'the same request again: nothing new written' },
            409: { description: 'exists', ...json(problem) },
            422: { description: 'refused by the rules', ...json(problem) },
            ...errors,
          },
        },
      },
      '/cases/{caseId}': {
        get: {
          summary:
            '办件及其状态；at= 时刻评估 / a case, its derived state, and with ?at= its evaluation as of a moment',
          parameters: [caseId, param('at', 'query', { type: 'string', format: 'date-time' })],
          responses: okWith('case', ref('CaseView')),
        },
      },
      '/cases/{caseId}/events': {
        get: {
          summary: '办件事件 / events in order',
          parameters: [caseId],
          responses: okWith('{events}', ref('CaseEventList')),
        },
        post: {
          summary: '追加事件（按事件编号幂等）/ append an event (idempotent by event id)',
          parameters: [caseId],
          requestBody: body('CaseEvent'),
          responses: {
            201: { description: 'recorded and evaluated' },
            200: { description: 'already recorded: nothing new written' },
            409: { description: 'event id reused with other content', ...json(problem) },
            422: { description: 'refused by the rules', ...json(problem) },
            ...errors,
          },
        },
      },
      '/cases/{caseId}/evaluations': {
        get: {
          summary: '评估记录 / evaluations',
          parameters: [caseId],
          responses: okWith('{evaluations}', ref('EvaluationList')),
        },
      },
      '/cases/{caseId}/evaluations/{seq}': {
        get: {
          summary: '一次评估：事实、触发与逐条件追溯 / one evaluation: facts, firings, trace',
          parameters: [caseId, seq],
          responses: okWith('evaluation', ref('StoredEvaluation')),
        },
      },
      '/cases/{caseId}/evaluations/{seq}/replay': {
        get: {
          summary: '以原规则版本回放 / replay under the pack versions it used',
          parameters: [caseId, seq],
          responses: ok('{identical, stored, replayed}'),
        },
      },
      '/cases/{caseId}/reference': {
        get: {
          summary:
            '以原版 json-rules-engine 复核本案每次评估 / re-run every evaluation of the case through stock json-rules-engine',
          parameters: [caseId],
          responses: ok('{caseId, identical, evaluations, differences: [{chainSeq, ruleId, kind, zh, en}]}'),
        },
      },
      '/cases/{caseId}/notices': {
        get: {
          summary:
            '已发文书及待生成的文书 / the notices issued, and those waiting in the outbox to be rendered (with their failed attempts)',
          parameters: [caseId],
          responses: okWith('{notices, waiting}', ref('NoticeList')),
        },
      },
      '/cases/{caseId}/notices/{seq}': {
        get: {
          summary: '文书（format=html|text）/ one notice',
          parameters: [caseId, seq, param('format', 'query', { enum: ['json', 'html', 'text', 'pdf'] })],
          responses: okWith('notice', ref('StoredNotice')),
        },
      },
      '/reports/organs': {
        get: {
          summary: '可生成报告的监察机关 / the supervisory organs whose report the caller may have',
          responses: okWith('organs', {
            type: 'object',
            required: ['organs'],
            properties: {
              organs: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['id', 'name', 'jurisdiction'],
                  properties: {
                    id: { type: 'string' },
                    name: { type: 'string' },
                    jurisdiction: {
                      type: 'object',
                      required: ['code', 'name'],
                      properties: { code: { type: 'string' }, name: { type: 'string' } },
                    },
                  },
                },
              },
            },
          }),
        },
      },
      '/reports/supervision': {
        get: {
          summary:
            '电子监察工作月报、季报（第十三条）、年报（阿坝州办法），由记录计算；format=html 为 A4 打印页，pdf 经 Chromium / the monthly, quarterly or annual supervision report, computed from the records',
          parameters: [
            { name: 'organ', in: 'query', required: true, schema: { type: 'string' } },
            {
              name: 'period',
              in: 'query',
              required: true,
              schema: { type: 'string', pattern: '^\\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$' },
            },
            param('format', 'query', { enum: ['json', 'html', 'pdf'] }),
          ],
          responses: {
            ...okWith('report', ref('SupervisionReport')),
            503: { description: 'no Chromium for the PDF', ...json(problem) },
          },
        },
      },
      '/alerts/board': {
        get: {
          summary:
            '预警看板：当前红灯、黄灯，按部门和条款分组 / the alarm board: red and yellow now, by department and by article',
          parameters: [
            param('level', 'query', { enum: ['yellow', 'red'] }),
            param('department', 'query'),
            param('article', 'query'),
            param('ruleId', 'query'),
          ],
          responses: okWith('board', ref('AlarmBoard')),
        },
      },
      '/cases/{caseId}/as-of': {
        get: {
          summary:
            '某一时刻平台所知的办件及其评估（只用当时已录入的事件，不记录）/ the case as known at a moment: events recorded by then, evaluated then, not recorded',
          parameters: [
            caseId,
            { name: 'at', in: 'query', required: true, schema: { type: 'string', format: 'date-time' } },
          ],
          responses: okWith('as of', ref('CaseAsOf')),
        },
      },
      '/cases/{caseId}/export': {
        get: {
          summary: '导出办件全部记录（JSON）/ export the case file, evaluations, notices and verification',
          parameters: [caseId],
          responses: ok('export'),
        },
      },
      '/cases/{caseId}/verification': {
        get: {
          summary:
            '校验本办件的哈希链，并对照最新签名检查点 / verify this case hash chain, and against the latest signed checkpoint',
          parameters: [caseId],
          responses: okWith('verification', {
            type: 'object',
            required: ['caseId', 'intact', 'rows', 'head', 'broken', 'checkpoint', 'verifiedAt'],
            properties: {
              caseId: { type: 'string' },
              intact: { type: 'boolean' },
              rows: { type: 'integer' },
              head: {
                type: 'object',
                required: ['seq', 'hash'],
                properties: { seq: { type: 'integer' }, hash: { type: 'string' } },
              },
              broken: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['code', 'zh', 'en'],
                  properties: {
                    table: { type: 'string' },
                    chainSeq: { type: 'integer' },
                    code: { type: 'string' },
                    zh: { type: 'string' },
                    en: { type: 'string' },
                  },
                },
              },
              checkpoint: {
                description:
                  '对照最新签名检查点的校验；尚无检查点时为 null / against the latest signed checkpoint; null when none was taken',
                oneOf: [
                  { type: 'null' },
                  {
                    type: 'object',
                    required: [
                      'id',
                      'takenAt',
                      'signatureValid',
                      'included',
                      'headThen',
                      'proofValid',
                      'intact',
                      'broken',
                    ],
                    properties: {
                      id: { type: 'string' },
                      takenAt: { type: 'string', format: 'date-time' },
                      signatureValid: { type: 'boolean' },
                      included: {
                        type: 'boolean',
                        description:
                          '检查点包含本办件（之后受理的办件不在其中）/ the case is in the checkpoint (a case opened after it is not)',
                      },
                      headThen: {
                        type: ['integer', 'null'],
                        description: '检查点记载的链头行号 / the head row the checkpoint recorded',
                      },
                      proofValid: {
                        type: ['boolean', 'null'],
                        description: '包含证明成立 / the inclusion proof holds',
                      },
                      intact: { type: 'boolean' },
                      broken: {
                        type: 'array',
                        items: {
                          type: 'object',
                          required: ['code', 'zh', 'en'],
                          properties: {
                            table: { type: 'string' },
                            chainSeq: { type: 'integer' },
                            code: { type: 'string' },
                            zh: { type: 'string' },
                            en: { type: 'string' },
                          },
                        },
                      },
                    },
                  },
                ],
              },
              verifiedAt: { type: 'string', format: 'date-time' },
            },
          }),
        },
      },
      '/alerts': {
        get: {
          summary: '未结预警 / open alerts by department and level',
          parameters: [param('department', 'query'), param('level', 'query', { enum: ['info', 'yellow', 'red'] })],
          responses: ok('{alerts}'),
        },
      },
      '/catalog': {
        get: {
          summary: '行政职权目录 / the power catalog',
          parameters: [param('department', 'query'), param('status', 'query', { enum: ['active', 'suspended'] })],
          responses: ok('{items}'),
        },
        post: {
          summary: '列入事项 / list an item (region admin)',
          requestBody: body('PowerItem'),
          responses: { 201: { description: 'listed' }, ...errors },
        },
      },
      '/catalog/{code}': {
        get: { summary: '事项及其变更 / an item and its changes', parameters: [param('code')], responses: ok('item') },
      },
      '/catalog/{code}/suspend': {
        post: {
          summary: '暂停行使 / suspend (第二十一条)',
          parameters: [param('code')],
          requestBody: body('CatalogChange'),
          responses: ok('item'),
        },
      },
      '/catalog/{code}/resume': {
        post: {
          summary: '恢复行使 / resume',
          parameters: [param('code')],
          requestBody: body('CatalogChange'),
          responses: ok('item'),
        },
      },
      '/catalog/adjustments': {
        get: { summary: '动态调整申请及期限 / adjustment requests with deadlines', responses: ok('{adjustments}') },
        post: {
          summary: '提出动态调整申请 / request an adjustment (第十八条)',
          requestBody: body('CatalogAdjustment'),
          responses: { 201: { description: 'requested' }, ...errors },
        },
      },
      '/catalog/adjustments/{id}': {
        get: {
          summary: '一项调整申请 / one adjustment',
          parameters: [param('id', 'path', { type: 'integer' })],
          responses: ok('adjustment'),
        },
        post: {
          summary: '审核、审定、公布 / review, approval, publication (第十九条、第二十条)',
          parameters: [param('id', 'path', { type: 'integer' })],
          requestBody: body('CatalogAdjustment'),
          responses: ok('adjustment'),
        },
      },
      '/rule-packs': {
        get: { summary: '规则包各版本及在用版本 / pack versions, and which are in force', responses: ok('{packs}') },
      },
      '/rule-packs/validate': {
        post: {
          summary: '校验（模式、lint、样例）/ check a pack: schema, lint, examples',
          requestBody: body('PackActivation'),
          responses: {
            200: { description: 'valid' },
            422: { description: 'invalid: problems and failing examples' },
            ...errors,
          },
        },
      },
      '/rule-packs/activate': {
        post: {
          summary: '校验后启用 / activate after the checks pass (region admin)',
          requestBody: body('PackActivation'),
          responses: {
            201: { description: 'activated' },
            422: { description: 'refused; the pack in force stays', ...json(problem) },
            ...errors,
          },
        },
      },
      '/rule-packs/diff': {
        get: {
          summary: '比较两个版本 / diff two versions',
          parameters: [param('from', 'query'), param('to', 'query')],
          responses: ok('diff'),
        },
      },
      '/rule-packs/browse': {
        get: {
          summary: '按层级、文件、条文浏览规则（覆盖情况、上下级覆盖、失效）/ the rules by layer, document and article',
          parameters: [param('date', 'query', { type: 'string', format: 'date' })],
          responses: okAs('browse', 'browse'),
        },
      },
      '/rule-packs/facts': {
        get: {
          summary: '条件可用的事实：中文名、类型、单位 / the facts conditions may use',
          responses: okAs('facts', 'facts'),
        },
      },
      '/rule-packs/rule-form-schema': {
        get: { summary: '规则属性表单的 JSON Schema / the JSON Schema of a rule form', responses: ok('JSON Schema') },
      },
      '/rule-packs/{packId}/history': {
        get: {
          summary:
            '各版本及其修改说明、提出人、批准人 / every version in force: its change in words, who proposed and approved',
          parameters: [param('packId')],
          responses: okAs('{packId, versions}', 'packHistory'),
        },
      },
      '/rule-packs/drafts': {
        get: {
          summary: '草稿列表 / drafts in scope',
          parameters: [param('packId', 'query')],
          responses: okAs('drafts', 'draftList'),
        },
        post: {
          summary: '起草或续行 / open a draft of a pack in force, or renew a lapsed pack (legal officer, admins)',
          requestBody: body('DraftOpen'),
          responses: { ...okAs('the draft', 'draft', 201), 409: { description: 'pack id taken', ...json(problem) } },
        },
      },
      '/rule-packs/drafts/{draftId}': {
        get: {
          summary: '草稿：内容、状态、经手人 / a draft: content, status, who did what',
          parameters: [draftId],
          responses: okAs('draft', 'draft'),
        },
        put: {
          summary: '保存新修订（只增不改）/ save the next revision (appended, nothing overwritten)',
          parameters: [draftId],
          requestBody: body('DraftSave'),
          responses: draftOk('draft'),
        },
      },
      '/rule-packs/drafts/{draftId}/lint': {
        post: {
          summary: '边写边查：模式与 lint，含 JSON 指针与中英文 / lint as one types: problems with pointer, zh, en',
          parameters: [draftId],
          requestBody: { required: false, ...json({ $ref: '#/components/schemas/DraftSave' }) },
          responses: okAs('{valid, problems}', 'lintResult'),
        },
      },
      '/rule-packs/drafts/{draftId}/examples': {
        post: {
          summary: '运行相关样例 / run the examples of what the draft changes',
          parameters: [draftId],
          requestBody: { required: false, ...json({ $ref: '#/components/schemas/DraftSave' }) },
          responses: okAs('{passed, failed, examples}', 'exampleRuns'),
        },
      },
      '/rule-packs/drafts/{draftId}/evaluate': {
        post: {
          summary: '在草稿下评估办件，逐条件追溯 / a case as of a moment under the draft and in force, with the trace',
          parameters: [draftId],
          requestBody: body('DraftTry'),
          responses: okAs('{draft, inForce}', 'tryResult'),
        },
      },
      '/rule-packs/drafts/{draftId}/example-from-case': {
        post: {
          summary: '由办件生成样例 / turn a case into an example',
          parameters: [draftId],
          requestBody: body('DraftTry'),
          responses: okAs('{file, example}', 'draftExample', 201),
        },
      },
      '/rule-packs/drafts/{draftId}/notice-preview': {
        post: {
          summary: '预览文书（不取号）/ preview the notices (no number taken)',
          parameters: [draftId],
          requestBody: body('DraftTry'),
          responses: okAs('{notices}', 'noticePreview'),
        },
      },
      '/rule-packs/drafts/{draftId}/impact': {
        post: {
          summary:
            '影响分析：以草稿和在用规则回放已存办件；sweep=true 也回放事件之间每个计时日 / impact: replay the stored cases under the draft and in force; sweep=true also the days a clock counts between events',
          parameters: [
            draftId,
            param('at', 'query', { type: 'string', format: 'date-time' }),
            param('sweep', 'query', { type: 'boolean' }),
          ],
          responses: okAs('the job', 'impactJob', 202),
        },
      },
      '/rule-packs/drafts/{draftId}/impact/{jobId}': {
        get: {
          summary: '影响分析进度与结果 / progress and report of an impact job',
          parameters: [draftId, param('jobId')],
          responses: okAs('{status, done, total, report}', 'impactJob'),
        },
      },
      '/rule-packs/drafts/{draftId}/changes': {
        get: {
          summary: '修改内容：文字说明与 JSON 差异 / the change in words and as a JSON diff',
          parameters: [draftId],
          responses: okAs('{words, diff, proposedBy, approvedBy}', 'changes'),
        },
      },
      '/rule-packs/drafts/{draftId}/submit': {
        post: {
          summary: '提交审核（法制人员）/ submit for approval',
          parameters: [draftId],
          requestBody: body('DraftDecision'),
          responses: draftOk('draft'),
        },
      },
      '/rule-packs/drafts/{draftId}/approve': {
        post: {
          summary:
            '批准并启用（另一位部门或地区管理员，写明理由）/ approve and put in force: another person, an admin, with a reason',
          parameters: [draftId],
          requestBody: body('DraftDecision'),
          responses: draftOk('draft'),
        },
      },
      '/rule-packs/drafts/{draftId}/reject': {
        post: {
          summary: '退回修改（写明理由）/ send back with a reason',
          parameters: [draftId],
          requestBody: body('DraftDecision'),
          responses: draftOk('draft'),
        },
      },
      '/rule-packs/drafts/{draftId}/withdraw': {
        post: {
          summary:
            '撤回草稿（起草人或管理员，写明理由；只增一条撤回记录）/ withdraw a draft: its author or an admin, with a reason; one more event, nothing removed',
          parameters: [draftId],
          requestBody: body('DraftDecision'),
          responses: draftOk('draft'),
        },
      },
      '/rule-packs/{packId}': {
        get: {
          summary: '一个规则包的版本和启用记录 / a pack: versions and activations',
          parameters: [param('packId')],
          responses: ok('pack'),
        },
      },
      '/rule-packs/{packId}/versions/{version}': {
        get: {
          summary: '某一版本的内容 / a version content',
          parameters: [param('packId'), param('version')],
          responses: okWith('RulePack', ref('RulePack')),
        },
      },
      '/sweep': {
        post: {
          summary: '立即处理到期办件 / sweep due cases now (region admin)',
          responses: ok('{evaluated, notices, failed}'),
        },
      },
      '/verify': {
        get: {
          summary:
            '校验哈希链和投影；给出 checkpoint（编号或文件 JSON）则对照签名检查点，另给 case 则给出包含证明 / verify the chains and projections in scope; with checkpoint (an id or the document as JSON) against that signed checkpoint; with case too, that case and its inclusion proof',
          parameters: [param('checkpoint', 'query'), param('case', 'query')],
          responses: okWith('{intact, broken, checkpoint?, signatureValid?, proof?}', {
            type: 'object',
            required: ['intact', 'cases', 'rows', 'broken'],
            properties: {
              intact: { type: 'boolean' },
              cases: { type: 'integer' },
              rows: { type: 'integer' },
              packs: { type: 'integer' },
              broken: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['caseId', 'table', 'code', 'zh', 'en'],
                  properties: {
                    caseId: { type: 'string' },
                    table: { type: 'string' },
                    chainSeq: { type: 'integer' },
                    code: { type: 'string' },
                    zh: { type: 'string' },
                    en: { type: 'string' },
                  },
                },
              },
              checkpoint: {
                type: 'object',
                required: ['id', 'takenAt', 'cases', 'keyId'],
                properties: {
                  id: { type: 'string' },
                  takenAt: { type: 'string' },
                  cases: { type: 'integer' },
                  keyId: { type: 'string' },
                },
              },
              signatureValid: {
                type: 'boolean',
                description: '检查点的签名是否成立 / whether the checkpoint signature holds',
              },
              proof: { type: 'object', description: '该办件的包含证明 / the case inclusion proof (with case)' },
            },
          }),
        },
      },
      '/checkpoints': {
        get: {
          summary: '列出检查点（新者在前）/ the checkpoints kept, newest first',
          parameters: [param('limit', 'query', { type: 'integer', minimum: 1, maximum: 1000 })],
          responses: okWith('Checkpoint[]', { type: 'array', items: ref('Checkpoint') }),
        },
        post: {
          summary: '立即取一个签名检查点 / take a signed checkpoint now (auditor, supervisor, region admin)',
          responses: {
            201: { description: 'the checkpoint', ...json({ $ref: '#/components/schemas/Checkpoint' }) },
            ...errors,
          },
        },
      },
      '/checkpoints/key': {
        get: {
          summary: '检查点签名公钥（无需令牌）/ the public half of the checkpoint signing key (no token needed)',
          security: [],
          responses: ok('{keyId, publicKey}'),
        },
      },
      '/checkpoints/{id}': {
        get: {
          summary: '一个检查点 / one checkpoint',
          parameters: [param('id')],
          responses: okWith('Checkpoint', ref('Checkpoint')),
        },
      },
    },
  }
  return doc
}
