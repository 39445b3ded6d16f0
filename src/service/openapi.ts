/** The OpenAPI 3.1 document of the API; request bodies refer to the same JSON Schemas that validate them. */
import { readSchemas } from '../schema/schema-files.js'
import { serviceSchemas } from './input-validator.js'

const problem = { $ref: '#/components/schemas/Problems' }
const json = (schema: object) => ({ content: { 'application/json': { schema } } })
const errors = {
  400: { description: '输入不符合模式 / invalid input; nothing was written', ...json(problem) },
  401: { description: '缺少或无效的令牌 / missing or invalid token', ...json(problem) },
  403: { description: '超出令牌的角色或范围 / outside the token role or scope', ...json(problem) },
  404: { description: '不存在或不在范围内 / not found or not in scope', ...json(problem) },
}
const ok = (description: string) => ({ 200: { description, ...json({ type: 'object' }) }, ...errors })
const body = (ref: string) => ({ required: true, ...json({ $ref: `#/components/schemas/${ref}` }) })
const param = (name: string, where: 'path' | 'query' = 'path', schema: object = { type: 'string' }) => ({ name, in: where, required: where === 'path', schema })
const caseId = param('caseId')
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
          items: { type: 'object', required: ['code', 'zh', 'en'], properties: { code: { type: 'string' }, zh: { type: 'string' }, en: { type: 'string' }, pointer: { type: 'string' }, file: { type: 'string' } } },
        },
      },
    },
  }
  for (const { schema } of readSchemas()) schemas[String(schema.title)] = schema
  for (const { schema } of serviceSchemas()) schemas[String(schema.title)] = schema
  doc = {
    openapi: '3.1.0',
    info: {
      title: 'xingquan — 行政权力依法规范公开运行 API',
      version: '0.1.0',
      description:
        '办件事件、评估记录、预警与文书、行政职权目录和规则包。除 /health 和本文件外均需 Bearer 令牌。/ Case events, evaluation records, alerts and notices, the power catalog and rule packs. Every route but /health and this document needs a bearer token. Errors: {"problems": [{code, zh, en, pointer}]}.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas },
    security: [{ bearer: [] }],
    paths: {
      '/health': { get: { summary: '健康检查 / health', security: [], responses: { 200: { description: 'ok' } } } },
      '/openapi.json': { get: { summary: '本文件 / this document', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } } },
      '/whoami': { get: { summary: '当前令牌 / the caller', responses: ok('principal') } },
      '/tokens': { post: { summary: '签发令牌 / issue a token (region and department admins)', requestBody: body('TokenRequest'), responses: { 201: { description: 'the token, shown once' }, ...errors } } },
      '/tokens/{id}/revoke': {
        post: {
          summary: '吊销令牌（地区管理员，其辖区内）；各进程一秒内不再接受 / revoke a token (a region admin, within its territory); every process refuses it within a second',
          parameters: [param('id')],
          requestBody: { required: false, ...json({ $ref: '#/components/schemas/TokenRevocation' }) },
          responses: ok('{tokenId, revokedBy, revokedAt, reason}'),
        },
      },
      '/cases': {
        get: {
          summary: '办件列表 / list cases in scope',
          parameters: [param('department', 'query'), param('level', 'query', { enum: ['none', 'info', 'yellow', 'red'] }), param('overdue', 'query', { type: 'boolean' }), param('status', 'query', { enum: ['open', 'closed'] }), param('limit', 'query', { type: 'integer' }), param('after', 'query')],
          responses: ok('{cases, next}'),
        },
        post: {
          summary: '受理办件 / open a case with its accepted event',
          requestBody: body('CreateCase'),
          responses: { 201: { description: 'created and evaluated' }, 200: { description: 'the same request again: nothing new written' }, 409: { description: 'exists', ...json(problem) }, 422: { description: 'refused by the rules', ...json(problem) }, ...errors },
        },
      },
      '/cases/{caseId}': { get: { summary: '办件及其状态；at= 时刻评估 / a case, its derived state, and with ?at= its evaluation as of a moment', parameters: [caseId, param('at', 'query', { type: 'string', format: 'date-time' })], responses: ok('case') } },
      '/cases/{caseId}/events': {
        get: { summary: '办件事件 / events in order', parameters: [caseId], responses: ok('{events}') },
        post: {
          summary: '追加事件（按事件编号幂等）/ append an event (idempotent by event id)',
          parameters: [caseId],
          requestBody: body('CaseEvent'),
          responses: { 201: { description: 'recorded and evaluated' }, 200: { description: 'already recorded: nothing new written' }, 409: { description: 'event id reused with other content', ...json(problem) }, 422: { description: 'refused by the rules', ...json(problem) }, ...errors },
        },
      },
      '/cases/{caseId}/evaluations': { get: { summary: '评估记录 / evaluations', parameters: [caseId], responses: ok('{evaluations}') } },
      '/cases/{caseId}/evaluations/{seq}': { get: { summary: '一次评估：事实、触发与逐条件追溯 / one evaluation: facts, firings, trace', parameters: [caseId, seq], responses: ok('evaluation') } },
      '/cases/{caseId}/evaluations/{seq}/replay': { get: { summary: '以原规则版本回放 / replay under the pack versions it used', parameters: [caseId, seq], responses: ok('{identical, stored, replayed}') } },
      '/cases/{caseId}/notices': { get: { summary: '文书列表 / notices', parameters: [caseId], responses: ok('{notices}') } },
      '/cases/{caseId}/notices/{seq}': {
        get: { summary: '文书（format=html|text）/ one notice', parameters: [caseId, seq, param('format', 'query', { enum: ['json', 'html', 'text'] })], responses: ok('notice') },
      },
      '/alerts': { get: { summary: '未结预警 / open alerts by department and level', parameters: [param('department', 'query'), param('level', 'query', { enum: ['info', 'yellow', 'red'] })], responses: ok('{alerts}') } },
      '/catalog': {
        get: { summary: '行政职权目录 / the power catalog', parameters: [param('department', 'query'), param('status', 'query', { enum: ['active', 'suspended'] })], responses: ok('{items}') },
        post: { summary: '列入事项 / list an item (region admin)', requestBody: body('PowerItem'), responses: { 201: { description: 'listed' }, ...errors } },
      },
      '/catalog/{code}': { get: { summary: '事项及其变更 / an item and its changes', parameters: [param('code')], responses: ok('item') } },
      '/catalog/{code}/suspend': { post: { summary: '暂停行使 / suspend (第二十一条)', parameters: [param('code')], requestBody: body('CatalogChange'), responses: ok('item') } },
      '/catalog/{code}/resume': { post: { summary: '恢复行使 / resume', parameters: [param('code')], requestBody: body('CatalogChange'), responses: ok('item') } },
      '/catalog/adjustments': {
        get: { summary: '动态调整申请及期限 / adjustment requests with deadlines', responses: ok('{adjustments}') },
        post: { summary: '提出动态调整申请 / request an adjustment (第十八条)', requestBody: body('CatalogAdjustment'), responses: { 201: { description: 'requested' }, ...errors } },
      },
      '/catalog/adjustments/{id}': {
        get: { summary: '一项调整申请 / one adjustment', parameters: [param('id', 'path', { type: 'integer' })], responses: ok('adjustment') },
        post: { summary: '审核、审定、公布 / review, approval, publication (第十九条、第二十条)', parameters: [param('id', 'path', { type: 'integer' })], requestBody: body('CatalogAdjustment'), responses: ok('adjustment') },
      },
      '/rule-packs': { get: { summary: '规则包各版本及在用版本 / pack versions, and which are in force', responses: ok('{packs}') } },
      '/rule-packs/validate': { post: { summary: '校验（模式、lint、样例）/ check a pack: schema, lint, examples', requestBody: body('PackActivation'), responses: { 200: { description: 'valid' }, 422: { description: 'invalid: problems and failing examples' }, ...errors } } },
      '/rule-packs/activate': { post: { summary: '校验后启用 / activate after the checks pass (region admin)', requestBody: body('PackActivation'), responses: { 201: { description: 'activated' }, 422: { description: 'refused; the pack in force stays', ...json(problem) }, ...errors } } },
      '/rule-packs/diff': { get: { summary: '比较两个版本 / diff two versions', parameters: [param('from', 'query'), param('to', 'query')], responses: ok('diff') } },
      '/rule-packs/{packId}': { get: { summary: '一个规则包的版本和启用记录 / a pack: versions and activations', parameters: [param('packId')], responses: ok('pack') } },
      '/rule-packs/{packId}/versions/{version}': { get: { summary: '某一版本的内容 / a version content', parameters: [param('packId'), param('version')], responses: ok('RulePack') } },
      '/sweep': { post: { summary: '立即处理到期办件 / sweep due cases now (region admin)', responses: ok('{evaluated, notices, failed}') } },
      '/verify': {
        get: {
          summary: '校验哈希链和投影；给出 checkpoint（编号或文件 JSON）则对照签名检查点，另给 case 则给出包含证明 / verify the chains and projections in scope; with checkpoint (an id or the document as JSON) against that signed checkpoint; with case too, that case and its inclusion proof',
          parameters: [param('checkpoint', 'query'), param('case', 'query')],
          responses: ok('{intact, broken, checkpoint?, signatureValid?, proof?}'),
        },
      },
      '/checkpoints': {
        get: { summary: '列出检查点（新者在前）/ the checkpoints kept, newest first', parameters: [param('limit', 'query', { type: 'integer', minimum: 1, maximum: 1000 })], responses: ok('Checkpoint[]') },
        post: { summary: '立即取一个签名检查点 / take a signed checkpoint now (auditor, supervisor, region admin)', responses: { 201: { description: 'the checkpoint', ...json({ $ref: '#/components/schemas/Checkpoint' }) }, ...errors } },
      },
      '/checkpoints/key': { get: { summary: '检查点签名公钥（无需令牌）/ the public half of the checkpoint signing key (no token needed)', security: [], responses: ok('{keyId, publicKey}') } },
      '/checkpoints/{id}': { get: { summary: '一个检查点 / one checkpoint', parameters: [param('id')], responses: ok('Checkpoint') } },
    },
  }
  return doc
}
