// Svelte compiler options: runes everywhere (TypeScript in <script lang="ts">). A component
// without a rune would otherwise compile in legacy mode and pull Svelte's legacy runtime
// into the shared chunk (half a kilobyte on the registration page).
export default { compilerOptions: { runes: true } };
