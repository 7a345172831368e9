// Type-level test of personalize-tracker/relay: its functions and types resolve by name from the
// package and none is `any` (each @ts-expect-error below would go unused if it were). Only web
// types: the entry's declarations must not need @types/node (a Worker or Deno project has none).
// Compiled by `npm run typecheck` against src/, and by e2e/node/types.test.ts against the packed
// package (with the AWS SDK installed beside it, as the relay's peer dependency).
import {
  DEFAULT_MAX_BODY_BYTES,
  createRelay,
  lambdaEventOf,
  nodeRequestOf,
  toLambdaHandler,
  toNodeListener,
  type LambdaHttpEvent,
  type LambdaHttpResult,
  type NodeRequestLike,
  type NodeResponseLike,
  type RelayBatch,
  type RelayErrorBody,
  type RelayErrorCode,
  type RelayErrorContext,
  type RelayEvent,
  type RelayHandler,
  type RelayOptions,
  type RelayResult,
} from 'personalize-tracker/relay';

export async function relayTypeChecks(request: Request, event: LambdaHttpEvent, req: NodeRequestLike, res: NodeResponseLike): Promise<void> {
  const options: RelayOptions = {
    trackingId: 't',
    region: 'us-east-1',
    allowedOrigins: ['https://shop.example'],
    userId: async (incoming: Request) => incoming.headers.get('x-user') ?? undefined,
    onError: (_error: unknown, context: RelayErrorContext) => void context.status,
  };
  // @ts-expect-error trackingId is required
  createRelay({ region: 'us-east-1' });
  // @ts-expect-error userId() returns a string or undefined
  createRelay({ trackingId: 't', userId: () => 42 });
  const handler: RelayHandler = createRelay(options);
  const response: Response = await handler(request);
  const result: LambdaHttpResult = await toLambdaHandler(handler)(event);
  // @ts-expect-error statusCode is a number
  const status: string = result.statusCode;
  toNodeListener(handler)(req, res);
  const fromNode: NodeRequestLike | undefined = nodeRequestOf(request);
  const claims = lambdaEventOf(request)?.requestContext.authorizer?.jwt?.claims;
  // @ts-expect-error a Request goes in, not a string
  nodeRequestOf('url');
  const body: RelayBatch = { sessionId: 's', eventList: [{ eventId: 'e', eventType: 'View', sentAt: 1 }] };
  // @ts-expect-error sentAt is epoch seconds, a number
  const late: RelayEvent = { eventId: 'e', eventType: 'View', sentAt: new Date() };
  const answer: RelayResult = { accepted: ['e'], refused: [{ eventId: 'f', reason: 'why' }] };
  const code: RelayErrorCode = 'Throttled';
  // @ts-expect-error not a RelayErrorCode
  const unknown: RelayErrorCode = 'Teapot';
  const error: RelayErrorBody = { code, message: 'm' };
  const limit: number = DEFAULT_MAX_BODY_BYTES;
  void [fromNode, claims, response, status, body, late, answer, unknown, error, limit];
}
