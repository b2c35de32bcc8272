// Svelte compiler options (defaults: runes, TypeScript in <script lang="ts">).
export default {};
