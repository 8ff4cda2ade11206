/** JSON/YAML request bodies; file uploads set their own, larger limit on their route. */
export const MAX_BODY_BYTES = 1024 * 1024;
