/** The signed-in person: read from GET /session (the cookie is HttpOnly; the page never sees it). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, ApiError, must, type Schemas } from './client'

export type Person = Schemas['Account_person']

/** The person signed in, or null when nobody is. */
export function usePerson() {
  return useQuery({
    queryKey: ['session'],
    queryFn: async (): Promise<Person | null> => {
      try {
        return await must(api.GET('/session'))
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null
        throw err
      }
    },
    staleTime: 60_000,
  })
}

/** Signs in with a user name and password. */
export function useSignIn() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: Schemas['SignIn']) => must(api.POST('/session', { body })),
    onSuccess: (person) => {
      client.clear()
      client.setQueryData(['session'], person)
    },
  })
}

/** Signs out: the session ends on the server and the cookie is cleared. */
export function useSignOut() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      await api.DELETE('/session')
    },
    onSuccess: () => {
      client.clear()
      client.setQueryData(['session'], null)
    },
  })
}
