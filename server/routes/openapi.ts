/** `GET /api/openapi.json`: the API's OpenAPI document, generated from the route table. */
import { openApiDocument } from '../http/openapi';
import type { ApiRoute } from './context';

const VERSION = '0.1.0';

export function openApiRoutes(routes: () => readonly ApiRoute[]): ApiRoute[] {
  let document: ReturnType<typeof openApiDocument> | undefined;
  return [
    {
      method: 'get',
      path: '/openapi.json',
      summary: 'This API described as OpenAPI 3.1',
      access: 'public',
      handle() {
        document ??= openApiDocument(routes(), { version: VERSION });
        return Promise.resolve({ body: document });
      },
    },
  ];
}
