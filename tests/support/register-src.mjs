// `node --import tsx --import ./tests/support/register-src.mjs …`: see vsys-src-hooks.mjs.
import { register } from 'node:module';

register('./vsys-src-hooks.mjs', import.meta.url);
