package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v3"
)

// funcMap is Sprig's text function map with Helm's changes: `env` and `expandenv` removed
// (Helm does so for reproducible renders) and Helm's own functions added. `include` and `tpl`
// need the template set, so they are bound in bindRecursive once it exists.
func funcMap() template.FuncMap {
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")

	funcs["toYaml"] = toYAML
	funcs["fromYaml"] = fromYAML
	funcs["fromYamlArray"] = fromYAMLArray
	funcs["toJson"] = toJSON
	funcs["fromJson"] = fromJSON
	funcs["required"] = required
	funcs["fail"] = func(message string) (string, error) { return "", errors.New(message) }
	// No cluster here: `lookup` finds nothing, as under `helm template`.
	funcs["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	// Placeholders so templates parse; replaced by bindRecursive before execution.
	funcs["include"] = func(string, interface{}) (string, error) { return "", nil }
	funcs["tpl"] = func(string, interface{}) (string, error) { return "", nil }
	return funcs
}

// bindRecursive gives `include` and `tpl` access to the parsed template set, as Helm's engine does.
func bindRecursive(root *template.Template, strict bool) {
	const maxDepth = 1000
	depth := map[string]int{}
	include := func(name string, data interface{}) (string, error) {
		depth[name]++
		defer func() { depth[name]-- }()
		if depth[name] > maxDepth {
			return "", fmt.Errorf("include %q: rendering recursion too deep", name)
		}
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		return buf.String(), nil
	}
	tpl := func(text string, data interface{}) (string, error) {
		clone, err := root.Clone()
		if err != nil {
			return "", err
		}
		parsed, err := clone.New("tpl").Option(missingKeyOption(strict)).Parse(text)
		if err != nil {
			return "", fmt.Errorf("tpl: %w", err)
		}
		var buf bytes.Buffer
		if err := parsed.Execute(&buf, data); err != nil {
			return "", fmt.Errorf("tpl: %w", err)
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
	root.Funcs(template.FuncMap{"include": include, "tpl": tpl})
}

func missingKeyOption(strict bool) string {
	if strict {
		return "missingkey=error"
	}
	return "missingkey=zero"
}

// toYAML mirrors Helm: two-space indentation, no trailing newline, empty string on error.
func toYAML(value interface{}) string {
	var buf bytes.Buffer
	encoder := yaml.NewEncoder(&buf)
	encoder.SetIndent(2)
	if err := encoder.Encode(value); err != nil {
		return ""
	}
	_ = encoder.Close()
	return strings.TrimSuffix(buf.String(), "\n")
}

// fromYAML mirrors Helm: a map, or a map holding "Error" when the text does not parse.
func fromYAML(text string) map[string]interface{} {
	parsed, err := parseYAMLObject(text)
	if err != nil {
		return map[string]interface{}{"Error": err.Error()}
	}
	return parsed
}

func fromYAMLArray(text string) []interface{} {
	var parsed interface{}
	if err := yaml.Unmarshal([]byte(text), &parsed); err != nil {
		return []interface{}{err.Error()}
	}
	normalised, err := viaJSON(parsed)
	if err != nil {
		return []interface{}{err.Error()}
	}
	list, ok := normalised.([]interface{})
	if !ok {
		return []interface{}{fmt.Sprintf("expected a sequence, got %T", normalised)}
	}
	return list
}

func toJSON(value interface{}) string {
	encoded, err := json.Marshal(value)
	if err != nil {
		return ""
	}
	return string(encoded)
}

func fromJSON(text string) map[string]interface{} {
	out := map[string]interface{}{}
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		out["Error"] = err.Error()
	}
	return out
}

// required fails the render when the value is missing or an empty string, as in Helm.
func required(message string, value interface{}) (interface{}, error) {
	if value == nil {
		return value, errors.New(message)
	}
	if text, ok := value.(string); ok && text == "" {
		return value, errors.New(message)
	}
	return value, nil
}
