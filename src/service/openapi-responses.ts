/** Response shapes of the case-reading routes, built from the schemas' own components (no second copy of a record). */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const str = { type: 'string' }
const int = { type: 'integer' }
const nullable = (type: string) => ({ type: [type, 'null'] })
const obj = (properties: Record<string, object>, required = Object.keys(properties)) => ({
  type: 'object',
  required,
  properties,
})

const department = obj({ code: str, name: str, jurisdiction: str })
const alert = ref('Evaluation_firing')

/** The response components the document adds beside the schema files', by name. */
export const RESPONSE_COMPONENTS: Record<string, object> = {
  CaseView: {
    ...obj(
      {
        caseId: str,
        serialNumber: str,
        name: str,
        department,
        powerItemCode: str,
        status: str,
        level: { enum: ['none', 'info', 'yellow', 'red'] },
        overdue: { type: 'boolean' },
        eventCount: int,
        nextChangeAt: nullable('string'),
        alerts: { type: 'array', items: alert },
        chain: obj({ rows: int, head: str }),
        createdBy: str,
        createdAt: str,
        updatedAt: str,
        state: {
          type: ['object', 'null'],
          description: '由事件折叠出的办件状态 / the case state folded from its events',
        },
        asOf: ref('Evaluation'),
      },
      [
        'caseId',
        'serialNumber',
        'name',
        'department',
        'status',
        'level',
        'overdue',
        'eventCount',
        'alerts',
        'chain',
        'state',
      ],
    ),
    description:
      '办件及其状态；带 at 时含该时刻的评估（不记录）/ a case, its state, and with ?at= its evaluation as of that moment (not recorded)',
  },
  CaseEventList: obj({
    events: {
      type: 'array',
      items: obj({ sequence: int, event: ref('CaseEvent'), recordedBy: str, storedAt: str, chainSeq: int, hash: str }),
    },
  }),
  EvaluationList: obj({
    evaluations: {
      type: 'array',
      items: obj({
        chainSeq: int,
        cause: { enum: ['event', 'sweep'] },
        eventCount: nullable('integer'),
        eventId: nullable('string'),
        at: str,
        level: str,
        packs: { type: 'array', items: ref('Evaluation_packRef') },
        fired: { type: 'array', items: obj({ ruleId: str, level: str }) },
        nextChangeAt: nullable('string'),
        sameAs: {
          ...nullable('integer'),
          description:
            '未变的评估：所重复的完整评估的行号 / an unchanged evaluation: the row of the whole one it repeats',
        },
        recordedBy: str,
        storedAt: str,
      }),
    },
  }),
  StoredEvaluation: obj(
    {
      caseId: str,
      chainSeq: int,
      cause: { enum: ['event', 'sweep'] },
      eventCount: nullable('integer'),
      eventId: nullable('string'),
      eventType: str,
      at: str,
      level: str,
      packs: { type: 'array', items: ref('Evaluation_packRef') },
      facts: ref('Facts'),
      firings: { type: 'array', items: ref('Evaluation_firing') },
      findings: { type: 'array', items: ref('Evaluation_finding') },
      lapsedPacks: { type: 'array', items: ref('Evaluation_lapsedPack') },
      nextChangeAt: nullable('string'),
      sameAs: {
        type: 'integer',
        description:
          '未变的评估（期限扫描没有改变任何判定）：只记录变化的天数，触发及其依据取自此行号的完整评估 / an unchanged evaluation (a sweep that changed no decision): it records only the day counts; the firings and their traces are those of the whole evaluation at this row',
      },
      recordedBy: str,
      storedAt: str,
      prevHash: str,
      hash: str,
    },
    [
      'caseId',
      'chainSeq',
      'cause',
      'at',
      'level',
      'packs',
      'facts',
      'firings',
      'recordedBy',
      'storedAt',
      'prevHash',
      'hash',
    ],
  ),
  NoticeList: obj({
    notices: {
      type: 'array',
      items: obj({
        chainSeq: int,
        evaluationSeq: int,
        ruleId: str,
        template: str,
        organ: nullable('string'),
        number: nullable('string'),
        title: str,
        storedAt: str,
        recordedBy: str,
      }),
    },
    waiting: {
      description:
        '待生成的文书：期限扫描已为其取号，尚未生成或生成失败（每次失败记录一次尝试及其错误）/ notices waiting to be rendered: numbered by the sweep, not made yet or failed (each failure an attempt with its error)',
      type: 'array',
      items: obj({
        evaluationSeq: int,
        ruleId: str,
        title: { ...nullable('string'), description: '所触发规则的标题 / the title of the firing' },
        level: nullable('string'),
        evaluatedAt: { ...nullable('string'), description: '触发该规则的评估时刻 / the moment of the evaluation' },
        attempts: { ...int, description: '已失败的生成次数 / failed attempts so far' },
        retrying: {
          type: 'boolean',
          description: '是否仍会自动重试 / whether the renderer will try again by itself',
        },
        lastError: {
          oneOf: [{ type: 'null' }, obj({ code: str, zh: str, en: str, at: str })],
          description: '最近一次失败的错误 / the error of the last failed attempt',
        },
      }),
    },
  }),
  CaseAsOf: obj({
    caseId: str,
    at: str,
    eventsKnown: int,
    evaluation: { oneOf: [ref('Evaluation'), { type: 'null' }] },
    clocks: {
      oneOf: [
        { type: 'null' },
        obj({
          acceptedOn: str,
          status: str,
          closedOn: nullable('string'),
          stops: {
            type: 'array',
            items: obj({ kind: { enum: ['supplement', 'suspension'] }, reason: str, from: str, to: str }, [
              'kind',
              'from',
            ]),
          },
          steps: {
            type: 'array',
            items: obj({ id: str, status: str, startedOn: nullable('string'), completedOn: nullable('string') }),
          },
        }),
      ],
    },
  }),
  StoredNotice: obj({
    caseId: str,
    chainSeq: int,
    evaluationSeq: int,
    ruleId: str,
    template: str,
    organ: nullable('string'),
    number: nullable('string'),
    title: str,
    html: str,
    text: str,
    recordedBy: str,
    storedAt: str,
    hash: str,
  }),
}
