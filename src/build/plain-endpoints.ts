// A rollup plugin for the sender chunks: one endpoint rule instead of the SDK's rules engine.
import type { Plugin } from 'rollup';

/**
 * Replaces the SDK's endpoint rules engine (every partition, FIPS and dual-stack variant) with the
 * one rule a browser sender needs: the `endpoint` given, else `https://{service}.{region}.{suffix}`.
 */
const ENDPOINT_RESOLVERS: [RegExp, string][] = [[/client-personalize-events\/dist-es\/endpoint\/endpointResolver\.js$/, 'personalize-events']];
export function plainEndpoints(): Plugin {
  return {
    name: 'plain-endpoints',
    load(id) {
      const service = ENDPOINT_RESOLVERS.find(([pattern]) => pattern.test(id))?.[1];
      if (!service) return null;
      return `export const defaultEndpointResolver = (params) => {
  if (params.UseFIPS || params.UseDualStack) throw new Error("personalize-tracker: FIPS and dual-stack endpoints were left out; pass endpoint instead");
  const suffix = params.Region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return { url: new URL(params.Endpoint ?? "https://${service}." + params.Region + "." + suffix) };
};`;
    },
  };
}
