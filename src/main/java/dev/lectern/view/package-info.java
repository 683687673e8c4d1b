/**
 * What the edges (REST in {@code api}, MCP in {@code mcp}, the OpenAI-compatible endpoints in {@code openai}) show
 * alike: the passage view every surface returns, how times are written, and the problem members. Every edge may
 * use this package; no edge imports another edge.
 */
package dev.lectern.view;
