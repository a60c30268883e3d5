import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { resolve } from 'node:path';

/**
 * Web mode: serve the built renderer from `rendererDir` on the API's origin (index.html
 * for `/`). Returns the app-shell responder for client-side routes.
 */
export async function registerWebApp(app: FastifyInstance, rendererDir: string): Promise<(reply: FastifyReply) => FastifyReply> {
  await app.register(fastifyStatic, {
    root: resolve(rendererDir),
    index: ['index.html'],
    // Dot files (.env, .git) are never part of a build; refuse them outright.
    dotfiles: 'deny',
  });
  return (reply) => reply.sendFile('index.html');
}
