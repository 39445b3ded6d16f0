/** The workbench's server state: the rules browsed, the facts, drafts and what is done with them (typed from the OpenAPI document). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, must, type Schemas } from '../api/client'

export type Browse = Schemas['Workbench_browse']
export type BrowsedDocument = Schemas['Workbench_browsedDocument']
export type Draft = Schemas['Workbench_draft']
export type DraftExample = Schemas['Workbench_draftExample']
export type ExampleRun = Schemas['Workbench_exampleRun']
export type FactField = Schemas['Workbench_factField']
export type Problem = Schemas['Workbench_problem']
export type RulePack = Schemas['RulePack']
export type Rule = Schemas['Rule']
export type TryResult = Schemas['Workbench_tryResult']

const path = (draftId: string) => ({ params: { path: { draftId } } })

export const useBrowse = () =>
  useQuery({ queryKey: ['wb', 'browse'], queryFn: () => must(api.GET('/rule-packs/browse', {})) })

export const useFacts = () =>
  useQuery({ queryKey: ['wb', 'facts'], queryFn: () => must(api.GET('/rule-packs/facts')), staleTime: Infinity })

export const useRuleFormSchema = () =>
  useQuery({
    queryKey: ['wb', 'rule-form-schema'],
    queryFn: () => must(api.GET('/rule-packs/rule-form-schema')) as Promise<Record<string, unknown>>,
    staleTime: Infinity,
  })

/**
 * A rule's JSON Schema for the JSON editor, from the API's own OpenAPI document (its components are the schemas/ files):
 * the rule at the root, the components beside it for its references, and the fact names of conditions as their enum,
 * so the editor completes and checks them.
 */
export const useRuleJsonSchema = () => {
  const facts = useFacts().data?.facts
  return useQuery({
    queryKey: ['wb', 'rule-json-schema', facts?.length ?? 0],
    enabled: facts !== undefined,
    staleTime: Infinity,
    queryFn: async () => {
      const doc = (await (await fetch('/openapi.json', { credentials: 'same-origin' })).json()) as {
        components: { schemas: Record<string, Record<string, unknown>> }
      }
      const schemas = structuredClone(doc.components.schemas)
      const factCondition =
        (schemas.Rule_factCondition as { properties?: Record<string, Record<string, unknown>> } | undefined)
          ?.properties ?? {}
      const { minLength: _m, type: _t, ...fact } = factCondition.fact ?? {}
      const factProperties = {
        ...factCondition,
        fact: { ...fact, enum: (facts ?? []).map((f) => f.name) },
      }
      // for the editor, a condition is one object of every key it may have (all/any/not or fact/operator/value), written
      // out a few levels deep rather than referred to, so that completion reaches a fact and a wrong fact is marked where
      // it stands; the lint beside the editor checks the shape whole, as the server does
      const editable = (depth: number): Record<string, unknown> => ({
        type: 'object',
        additionalProperties: false,
        properties: {
          ...(depth > 0
            ? {
                all: { type: 'array', items: editable(depth - 1) },
                any: { type: 'array', items: editable(depth - 1) },
                not: editable(depth - 1),
              }
            : {}),
          condition: { type: 'string' },
          name: { type: 'string' },
          priority: { $ref: '#/components/schemas/Rule_priority' },
          ...factProperties,
        },
      })
      schemas.Rule_condition = editable(3)
      schemas.Rule_topLevelCondition = editable(4)
      return { ...schemas.Rule, components: { schemas } } as Record<string, unknown>
    },
  })
}

export const useDrafts = () =>
  useQuery({ queryKey: ['wb', 'drafts'], queryFn: () => must(api.GET('/rule-packs/drafts', {})) })

export const useDraft = (draftId: string) =>
  useQuery({
    queryKey: ['wb', 'draft', draftId],
    queryFn: () => must(api.GET('/rule-packs/drafts/{draftId}', path(draftId))),
  })

export const useChanges = (draftId: string, revision: number) =>
  useQuery({
    queryKey: ['wb', 'changes', draftId, revision],
    queryFn: () => must(api.GET('/rule-packs/drafts/{draftId}/changes', path(draftId))),
  })

export const usePackHistory = (packId: string) =>
  useQuery({
    queryKey: ['wb', 'history', packId],
    queryFn: () => must(api.GET('/rule-packs/{packId}/history', { params: { path: { packId } } })),
    // a version put in force elsewhere (by another person, on another server process) shows within a second or two
    refetchInterval: 1500,
  })

/** After a change to a draft: its page, the list and the rules browsed read again. */
function useRefresh() {
  const client = useQueryClient()
  return (draft?: Draft) => {
    if (draft) client.setQueryData(['wb', 'draft', draft.draftId], draft)
    void client.invalidateQueries({ queryKey: ['wb'] })
  }
}

export function useOpenDraft() {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (body: Schemas['DraftOpen']) => must(api.POST('/rule-packs/drafts', { body })),
    onSuccess: refresh,
  })
}

export function useSaveDraft(draftId: string) {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (body: Schemas['DraftSave']) =>
      must(api.PUT('/rule-packs/drafts/{draftId}', { ...path(draftId), body })),
    onSuccess: refresh,
  })
}

export function useDecision(draftId: string, action: 'submit' | 'approve' | 'reject' | 'withdraw') {
  const refresh = useRefresh()
  return useMutation({
    mutationFn: (body: Schemas['DraftDecision']) => {
      if (action === 'submit') return must(api.POST('/rule-packs/drafts/{draftId}/submit', { ...path(draftId), body }))
      if (action === 'approve')
        return must(api.POST('/rule-packs/drafts/{draftId}/approve', { ...path(draftId), body }))
      if (action === 'withdraw')
        return must(api.POST('/rule-packs/drafts/{draftId}/withdraw', { ...path(draftId), body }))
      return must(api.POST('/rule-packs/drafts/{draftId}/reject', { ...path(draftId), body }))
    },
    onSuccess: refresh,
  })
}

/**
 * Lint of the content as typed; asked again whenever the content changes (debounced by the caller).
 * @example const lint = useLint(draftId, pack)
 */
export const useLint = (draftId: string, pack: RulePack | undefined) =>
  useQuery({
    queryKey: ['wb', 'lint', draftId, JSON.stringify(pack)],
    queryFn: () =>
      must(
        api.POST('/rule-packs/drafts/{draftId}/lint', {
          ...path(draftId),
          body: { pack: pack as unknown as Record<string, unknown> },
        }),
      ),
    enabled: pack !== undefined,
    placeholderData: (previous) => previous,
  })

export const useRunExamples = (draftId: string) =>
  useMutation({
    mutationFn: (body: Schemas['DraftSave'] | undefined) =>
      must(api.POST('/rule-packs/drafts/{draftId}/examples', { ...path(draftId), ...(body ? { body } : {}) })),
  })

export const useEvaluate = (draftId: string) =>
  useMutation({
    mutationFn: (body: Schemas['DraftTry']) =>
      must(api.POST('/rule-packs/drafts/{draftId}/evaluate', { ...path(draftId), body })),
  })

export const useExampleFromCase = (draftId: string) =>
  useMutation({
    mutationFn: (body: Schemas['DraftTry']) =>
      must(api.POST('/rule-packs/drafts/{draftId}/example-from-case', { ...path(draftId), body })),
  })

export const useNoticePreview = (draftId: string) =>
  useMutation({
    mutationFn: (body: Schemas['DraftTry']) =>
      must(api.POST('/rule-packs/drafts/{draftId}/notice-preview', { ...path(draftId), body })),
  })

export const useStartImpact = (draftId: string) =>
  useMutation({
    mutationFn: (at: string | undefined) =>
      must(api.POST('/rule-packs/drafts/{draftId}/impact', { params: { path: { draftId }, query: at ? { at } : {} } })),
  })

/** An impact job, polled while it runs. */
export const useImpactJob = (draftId: string, jobId: string | undefined) =>
  useQuery({
    queryKey: ['wb', 'impact', draftId, jobId],
    queryFn: () =>
      must(api.GET('/rule-packs/drafts/{draftId}/impact/{jobId}', { params: { path: { draftId, jobId: jobId! } } })),
    enabled: jobId !== undefined,
    refetchInterval: (q) =>
      q.state.error ? false : q.state.data === undefined || q.state.data.status === 'running' ? 300 : false,
  })
