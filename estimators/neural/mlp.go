package neural

import (
	"math"
	"math/rand/v2"
)

// Model is a reward function of features with trainable parameters.
type Model interface {
	// Params returns the parameters, which a trainer updates in place.
	Params() []float64
	// Reward returns the reward of features x.
	Reward(x []float64) float64
	// AddGrad adds scale·∂r(x)/∂θ to grad, θ being Params.
	AddGrad(grad, x []float64, scale float64)
}

var _ Model = (*MLP)(nil)

// MLP is the two-layer perceptron r(x) = w₂·tanh(W₁x + b₁) + b₂ with In
// inputs and Hidden hidden units. tanh keeps the reward smooth and
// Lipschitz in x.
type MLP struct {
	In, Hidden int
	// theta holds W₁ (Hidden×In, row-major), b₁, w₂ and b₂.
	theta []float64
	h     []float64 // hidden activations, reused
}

// NewMLP returns a perceptron initialised as PyTorch's linear layers are:
// every weight and bias uniform in ±1/√fan-in.
func NewMLP(in, hidden int, rng *rand.Rand) *MLP {
	m := &MLP{In: in, Hidden: hidden, theta: make([]float64, hidden*in+2*hidden+1), h: make([]float64, hidden)}
	b1 := 1 / math.Sqrt(float64(in))
	b2 := 1 / math.Sqrt(float64(hidden))
	for i := range m.theta {
		bound := b1
		if i >= hidden*in+hidden {
			bound = b2
		}
		m.theta[i] = bound * (2*rng.Float64() - 1)
	}
	return m
}

// Params returns W₁, b₁, w₂ and b₂ in one slice.
func (m *MLP) Params() []float64 { return m.theta }

func (m *MLP) split() (w1, b1, w2 []float64, b2 float64) {
	h, in := m.Hidden, m.In
	return m.theta[:h*in], m.theta[h*in : h*in+h], m.theta[h*in+h : h*in+2*h], m.theta[h*in+2*h]
}

// Reward returns w₂·tanh(W₁x + b₁) + b₂.
func (m *MLP) Reward(x []float64) float64 {
	w1, b1, w2, b2 := m.split()
	r := b2
	for j := range m.Hidden {
		z := b1[j]
		row := w1[j*m.In : (j+1)*m.In]
		for k, v := range x {
			z += row[k] * v
		}
		m.h[j] = math.Tanh(z)
		r += w2[j] * m.h[j]
	}
	return r
}

// AddGrad adds scale·∂r(x)/∂θ to grad.
func (m *MLP) AddGrad(grad, x []float64, scale float64) {
	m.Reward(x) // the hidden activations at x
	_, _, w2, _ := m.split()
	h, in := m.Hidden, m.In
	gw1, gb1, gw2 := grad[:h*in], grad[h*in:h*in+h], grad[h*in+h:h*in+2*h]
	for j, a := range m.h {
		gw2[j] += scale * a
		dz := scale * w2[j] * (1 - a*a)
		gb1[j] += dz
		row := gw1[j*in : (j+1)*in]
		for k, v := range x {
			row[k] += dz * v
		}
	}
	grad[h*in+2*h] += scale
}

// Adam is the Adam optimiser (Kingma and Ba, 2015) with bias-corrected
// moment estimates.
type Adam struct {
	// LearningRate is the step size. If it is 0, it is defaulted to 1e-3.
	LearningRate float64
	// Beta1, Beta2 and Epsilon default to 0.9, 0.999 and 1e-8 when 0.
	Beta1, Beta2, Epsilon float64

	m, v []float64
	t    int
}

// Step moves params against grad.
func (a *Adam) Step(params, grad []float64) {
	if a.m == nil {
		a.m, a.v = make([]float64, len(params)), make([]float64, len(params))
		a.LearningRate = orDefault(a.LearningRate, 1e-3)
		a.Beta1 = orDefault(a.Beta1, 0.9)
		a.Beta2 = orDefault(a.Beta2, 0.999)
		a.Epsilon = orDefault(a.Epsilon, 1e-8)
	}
	a.t++
	c1 := 1 - math.Pow(a.Beta1, float64(a.t))
	c2 := 1 - math.Pow(a.Beta2, float64(a.t))
	for i, g := range grad {
		a.m[i] = a.Beta1*a.m[i] + (1-a.Beta1)*g
		a.v[i] = a.Beta2*a.v[i] + (1-a.Beta2)*g*g
		params[i] -= a.LearningRate * (a.m[i] / c1) / (math.Sqrt(a.v[i]/c2) + a.Epsilon)
	}
}

func orDefault(x, d float64) float64 {
	if x == 0 {
		return d
	}
	return x
}
