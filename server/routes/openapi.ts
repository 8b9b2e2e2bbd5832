/** `GET /api/openapi.json`: the API's OpenAPI document, generated from the route table. */
import { openApiDocument as documentAnswer } from '../contract/health';
import { openApiDocument } from '../http/openapi';
import { RINGTRACE_VERSION } from '../version';
import { route, type ApiRoute } from './context';

export function openApiRoutes(routes: () => readonly ApiRoute[]): ApiRoute[] {
  let document: ReturnType<typeof openApiDocument> | undefined;
  return [
    route({
      method: 'get',
      path: '/openapi.json',
      summary: 'This API described as OpenAPI 3.1',
      access: 'public',
      output: documentAnswer,
      handle() {
        document ??= openApiDocument(routes(), { version: RINGTRACE_VERSION });
        return Promise.resolve({ body: document });
      },
    }),
  ];
}
